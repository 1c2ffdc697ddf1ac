package org.modelops.governance.monitoring;

import java.util.Map;

/**
 * A version's verdict for one monitoring signal changed. Published inside the transaction that audits the change
 * ({@code monitoring.verdict-changed}), so a listener's work commits or rolls back with it.
 *
 * @param signal one of {@code drift}, {@code data-quality}, {@code performance}, {@code service}
 * @param previous the verdict before (a {@code MonitoringVerdict} name), or {@code null} for the first verdict
 * @param current the verdict now (a {@code MonitoringVerdict} name)
 * @param evidence what the verdict rests on, as audited
 */
public record SignalVerdictChanged(String modelName, int version, String signal, String previous, String current,
        Map<String, Object> evidence) {
}
