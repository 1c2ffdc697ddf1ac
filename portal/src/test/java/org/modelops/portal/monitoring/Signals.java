package org.modelops.portal.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.modelops.portal.governance.DriftReport;
import org.modelops.portal.governance.MonitoringOverview;
import org.modelops.portal.governance.SignalSeries;

/** Monitoring answers as the service's contracts shape them. */
final class Signals {

    static final Instant DAY_ONE = Instant.parse("2026-03-01T00:00:00Z");

    private Signals() {
    }

    /** Daily windows with the given values and verdicts (a null value: nothing measured that day). */
    static SignalSeries series(String signal, String metric, Double warn, Double breach, String direction,
            Double[] values, String[] verdicts, boolean withInterval) {
        var points = new ArrayList<SignalSeries.Point>();
        for (var i = 0; i < values.length; i++) {
            var start = DAY_ONE.plus(Duration.ofDays(i));
            var value = values[i];
            points.add(new SignalSeries.Point(start, start.plus(Duration.ofDays(1)), value,
                    withInterval && value != null ? value - 0.02 : null,
                    withInterval && value != null ? value + 0.02 : null, 1000L, verdicts[i]));
        }
        return new SignalSeries(signal, metric, "psi", warn, breach, direction, points);
    }

    static MonitoringOverview.SignalVerdict signal(String signal, String verdict, String explanation) {
        return new MonitoringOverview.SignalVerdict(signal, verdict, explanation, Instant.parse(
                "2026-03-04T00:05:00Z"));
    }

    static DriftReport.Column column(String name, Double value, String verdict) {
        return new DriftReport.Column(name, "psi", value, 0.1, 0.25, verdict);
    }

    static DriftReport drift(String model, int version, String verdict, String explanation,
            List<DriftReport.Column> columns) {
        return new DriftReport(model, version, verdict, explanation, List.of(new DriftReport.Window(DAY_ONE
                .plus(Duration.ofDays(2)), DAY_ONE.plus(Duration.ofDays(3)), 1200, verdict, columns)));
    }
}
