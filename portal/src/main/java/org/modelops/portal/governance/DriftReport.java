package org.modelops.portal.governance;

import java.time.Instant;
import java.util.List;

/**
 * A version's drift as the service judges it ({@code GET /api/v1/models/{name}/versions/{v}/monitoring}): the
 * version's verdict under the policy's k-of-n rule with a sentence, and per closed window, newest last, each
 * column's statistic against its levels.
 */
public record DriftReport(String model, int version, String verdict, String explanation, List<Window> windows) {

    public DriftReport {
        windows = windows == null ? List.of() : List.copyOf(windows);
    }

    /** The most recent closed window; null when none closed yet. */
    public Window latest() {
        return windows.stream().max((a, b) -> a.start().compareTo(b.start())).orElse(null);
    }

    public record Window(Instant start, Instant end, long records, String verdict, List<Column> columns) {

        public Window {
            columns = columns == null ? List.of() : List.copyOf(columns);
        }
    }

    public record Column(String column, String statistic, Double value, double warn, double breach,
            String verdict) {
    }
}
