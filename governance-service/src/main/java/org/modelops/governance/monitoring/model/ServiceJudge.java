package org.modelops.governance.monitoring.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import org.modelops.governance.policy.model.Policy;

/**
 * Judges a window of the service as it answered: the share of predictions that failed, and the 95th and 99th
 * percentiles of latency from a fixed log-scale histogram ({@link #latencyBin}): bins 2^(1/16) wide from 0.1 ms, so
 * a percentile, reported as its bin's geometric midpoint, is within 2.2 % of the exact nearest-rank percentile, and
 * histograms add up across batches and replicas. Both are the window's complete observation: no interval.
 */
public final class ServiceJudge {

    public static final String RECORDS = "records";
    public static final String ERRORS = "errors";
    public static final String LATENCY = "latency";

    public static final String ERROR_RATE = "errorRate";
    public static final String LATENCY_P95 = "latencyP95Ms";
    public static final String LATENCY_P99 = "latencyP99Ms";

    /** Bins per doubling of latency. */
    public static final int PER_DOUBLING = 16;
    public static final double FLOOR_MS = 0.1;
    /** Bin 0 holds latencies below 0.1 ms; the last bin everything from about 7.5 hours on. */
    public static final int LATENCY_BINS = 28 * PER_DOUBLING + 2;

    private ServiceJudge() {
    }

    /** The bin of a latency: 0 below 0.1 ms, k ≥ 1 for [0.1·γ^(k−1), 0.1·γ^k), γ = 2^(1/16). */
    public static int latencyBin(double ms) {
        if (!(ms >= FLOOR_MS)) {
            return 0;
        }
        var k = (int) Math.floor(Math.log(ms / FLOOR_MS) / Math.log(2) * PER_DOUBLING) + 1;
        return Math.min(k, LATENCY_BINS - 1);
    }

    /** What a bin stands for: its geometric midpoint (half the floor for bin 0). */
    public static double latencyOf(int bin) {
        return bin == 0 ? FLOOR_MS / 2 : FLOOR_MS * Math.pow(2, (bin - 0.5) / PER_DOUBLING);
    }

    /** The nearest-rank percentile ({@code p} in (0, 1]) of the histogram, null when it is empty. */
    public static Double percentile(long[] histogram, double p) {
        long n = 0;
        for (var count : histogram) {
            n += count;
        }
        if (n == 0) {
            return null;
        }
        var rank = (long) Math.ceil(p * n);
        long seen = 0;
        for (int bin = 0; bin < histogram.length; bin++) {
            seen += histogram[bin];
            if (seen >= rank) {
                return latencyOf(bin);
            }
        }
        return latencyOf(histogram.length - 1);
    }

    public static SignalWindow window(Policy.Service policy, Instant start, WindowTallies tallies) {
        long records = tallies.count(RECORDS, 0);
        var enough = records >= policy.minSample();
        var measures = new ArrayList<Measure>();
        if (policy.errorRate() != null) {
            long errors = tallies.count(ERRORS, 0);
            Double rate = records == 0 ? null : (double) errors / records;
            measures.add(measure(ERROR_RATE, "share", rate, records, policy.errorRate(), enough,
                    Map.of("errors", errors)));
        }
        var latency = tallies.histogram(LATENCY, LATENCY_BINS);
        long timed = 0;
        for (var count : latency) {
            timed += count;
        }
        if (policy.latencyP95Ms() != null) {
            measures.add(measure(LATENCY_P95, "p95", percentile(latency, 0.95), timed, policy.latencyP95Ms(),
                    enough && timed >= policy.minSample(), Map.of()));
        }
        if (policy.latencyP99Ms() != null) {
            measures.add(measure(LATENCY_P99, "p99", percentile(latency, 0.99), timed, policy.latencyP99Ms(),
                    enough && timed >= policy.minSample(), Map.of()));
        }
        return new SignalWindow(start, start.plus(policy.window()), records, measures,
                SignalRules.worst(measures.stream().map(Measure::verdict).toList()));
    }

    private static Measure measure(String metric, String statistic, Double value, long count, Policy.Levels levels,
            boolean enough, Map<String, Object> detail) {
        var verdict = !enough || value == null
                ? MonitoringVerdict.INSUFFICIENT_DATA
                : MonitoringVerdict.of(value, levels.warn(), levels.breach());
        return new Measure(metric, statistic, value, null, null, count, levels.warn(), levels.breach(),
                Measure.ABOVE, verdict, detail);
    }

}
