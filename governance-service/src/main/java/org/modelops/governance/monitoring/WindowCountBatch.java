package org.modelops.governance.monitoring;

import java.util.List;
import java.util.Map;

/**
 * A batch of pre-aggregated window counts as a collector sends it, counted on the bins of the version's monitoring
 * spec: its id (a retry sends the same one), the spec's policy and profile digests, and per window the records, each
 * baseline column's count per frozen bin, out-of-range counts and, optionally, the service's errors and latency bins.
 */
public record WindowCountBatch(String batchId, String policySha256, String profileSha256, List<Window> windows) {

    public WindowCountBatch {
        windows = windows == null ? List.of() : List.copyOf(windows);
    }

    /**
     * One window [start, end): its records; per feature and for the prediction, the count per bin (index = the spec's
     * bin, the missing bin last); per numeric column, the records outside the baseline's range; the service.
     */
    public record Window(String start, String end, long records, Map<String, List<Long>> features,
            List<Long> prediction, Map<String, Long> outOfRange, Service service) {
        public Window {
            features = features == null ? Map.of() : features;
            outOfRange = outOfRange == null ? Map.of() : outOfRange;
        }
    }

    /** The service as it answered in the window: failed predictions, and latencies per bin of the spec's histogram. */
    public record Service(long errors, Map<String, Long> latency) {
        public Service {
            latency = latency == null ? Map.of() : latency;
        }
    }
}
