package org.modelops.governance.monitoring.model;

import java.time.Instant;
import java.util.List;

/** One closed window of a signal: its bounds, the records (or outcomes) in it, its measures and its verdict. */
public record SignalWindow(Instant start, Instant end, long records, List<Measure> measures,
        MonitoringVerdict verdict) {

    public SignalWindow {
        measures = List.copyOf(measures);
    }
}
