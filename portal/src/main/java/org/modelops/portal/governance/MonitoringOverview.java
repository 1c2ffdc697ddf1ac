package org.modelops.portal.governance;

import java.time.Instant;
import java.util.List;

/**
 * A model's monitoring at a glance ({@code GET /api/v1/models/{name}/monitoring}): per monitored version its overall
 * verdict and, signal by signal (drift, data-quality, performance, service), the verdict with a sentence saying why.
 * Verdicts are PASS, WARN, BREACH, INSUFFICIENT_DATA and PENDING_LABELS; a version without any is not monitored yet.
 */
public record MonitoringOverview(String model, List<VersionHealth> versions) {

    public MonitoringOverview {
        versions = versions == null ? List.of() : List.copyOf(versions);
    }

    public static MonitoringOverview none(String model) {
        return new MonitoringOverview(model, List.of());
    }

    /** The health of {@code version}; null when the service judged nothing for it. */
    public VersionHealth version(int version) {
        return versions.stream().filter(v -> v.version() == version).findFirst().orElse(null);
    }

    public record VersionHealth(int version, String state, String verdict, List<SignalVerdict> signals) {

        public VersionHealth {
            signals = signals == null ? List.of() : List.copyOf(signals);
        }

        /** Whether anything was judged at all: without a verdict the version is not monitored yet. */
        public boolean judged() {
            return verdict != null && !verdict.isBlank();
        }

        /** Champion or rolling out: a version people are served by right now. */
        public boolean serving() {
            return "CHAMPION".equals(state) || "ROLLING_OUT".equals(state);
        }
    }

    public record SignalVerdict(String signal, String verdict, String explanation, Instant evaluatedAt) {
    }
}
