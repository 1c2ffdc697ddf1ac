package org.modelops.governance.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.modelops.governance.monitoring.model.MonitoringVerdict;
import org.modelops.governance.monitoring.model.SignalRules;
import org.modelops.governance.monitoring.model.SignalWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus gauges of every monitored version (docs/monitoring.md, "Prometheus and Grafana"), refreshed at the watch's
 * pace from the stored counts: the verdict per signal, the latest closed window's drift per column, the latest judged
 * window's KPIs, and the records in the latest closed window. A version that is no longer monitored disappears from
 * the next refresh.
 */
@Singleton
public class MonitoringGauges {

    private static final Logger LOG = LoggerFactory.getLogger(MonitoringGauges.class);

    private final MonitoringStore store;
    private final SignalStatus status;
    private final MultiGauge verdicts;
    private final MultiGauge drift;
    private final MultiGauge kpis;
    private final MultiGauge records;

    MonitoringGauges(MonitoringStore store, SignalStatus status, MeterRegistry meters) {
        this.store = store;
        this.status = status;
        this.verdicts = MultiGauge.builder("modelops.monitoring.verdict")
                .description("A version's verdict per signal: 0 PASS, 1 WARN, 2 BREACH, -1 INSUFFICIENT_DATA,"
                        + " -2 PENDING_LABELS")
                .register(meters);
        this.drift = MultiGauge.builder("modelops.monitoring.drift")
                .description("Drift of a column in the latest closed window (PSI or Jensen-Shannon distance)")
                .register(meters);
        this.kpis = MultiGauge.builder("modelops.monitoring.kpi")
                .description("A KPI on matured outcomes in the latest judged window").register(meters);
        this.records = MultiGauge.builder("modelops.monitoring.window.records")
                .description("Prediction records in the latest closed window").register(meters);
    }

    /** The value Grafana shows for a verdict (docs/monitoring.md). */
    static int code(MonitoringVerdict verdict) {
        return switch (verdict) {
            case PASS -> 0;
            case WARN -> 1;
            case BREACH -> 2;
            case INSUFFICIENT_DATA -> -1;
            case PENDING_LABELS -> -2;
        };
    }

    /** Reads every monitored version's signals again (on the watch's schedule). */
    @Scheduled(fixedDelay = "${governance.monitoring.evaluate-every:1m}", initialDelay = "10s")
    @ReadOnly
    public void refresh() {
        var verdictRows = new ArrayList<MultiGauge.Row<?>>();
        var driftRows = new ArrayList<MultiGauge.Row<?>>();
        var kpiRows = new ArrayList<MultiGauge.Row<?>>();
        var recordRows = new ArrayList<MultiGauge.Row<?>>();
        for (var version : store.baselinedVersions()) {
            var tags = Tags.of("model", version.getKey(), "version", Integer.toString(version.getValue()));
            try {
                for (var state : status.states(version.getKey(), version.getValue(), 1)) {
                    verdictRows.add(MultiGauge.Row.of(tags.and("signal", state.signal()), code(state.verdict())));
                    var latest = latest(state.windows());
                    if (latest == null) {
                        continue;
                    }
                    switch (state.signal()) {
                        case SignalRules.DRIFT -> {
                            recordRows.add(MultiGauge.Row.of(tags, latest.records()));
                            latest.measures().stream().filter(measure -> measure.value() != null).forEach(
                                    measure -> driftRows.add(MultiGauge.Row.of(tags.and("column", measure.metric(),
                                            "statistic", measure.statistic()), measure.value())));
                        }
                        case SignalRules.PERFORMANCE -> {
                            var judged = latest(state.judged());
                            if (judged != null) {
                                judged.measures().stream().filter(measure -> measure.value() != null)
                                        .forEach(measure -> kpiRows.add(MultiGauge.Row.of(tags.and("kpi",
                                                measure.metric()), measure.value())));
                            }
                        }
                        default -> {
                        }
                    }
                }
            } catch (RuntimeException e) {
                LOG.debug("no gauges for {} version {}: {}", version.getKey(), version.getValue(), e.toString());
            }
        }
        verdicts.register(verdictRows, true);
        drift.register(driftRows, true);
        kpis.register(kpiRows, true);
        records.register(recordRows, true);
    }

    private static SignalWindow latest(List<SignalWindow> windows) {
        return windows == null || windows.isEmpty() ? null : windows.getLast();
    }
}
