package org.modelops.governance.monitoring.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.modelops.governance.policy.model.Policy;

/**
 * Judges drift as the policy says: each closed window per column against the baseline, the window as a whole (its
 * worst column; too few records make it INSUFFICIENT_DATA), and the version over the last windows (k of n).
 */
public final class DriftJudge {

    private DriftJudge() {
    }

    /** The window of the given length, aligned to the epoch, that holds the instant. */
    public static Instant windowStart(Instant at, Duration window) {
        var seconds = window.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
    }

    /**
     * One column in one window: its statistic (null without records), the levels it was held against and the
     * verdict.
     */
    public record ColumnDrift(String column, String statistic, Double value, Policy.Levels levels,
            MonitoringVerdict verdict, List<Long> counts) {
    }

    /** One window: its bounds, its records, each column's drift and the window's verdict. */
    public record WindowDrift(Instant start, Instant end, long records, List<ColumnDrift> columns,
            MonitoringVerdict verdict) {
    }

    /**
     * Judges one window from its counts per column ({@code counts.get(column)[bin]}; a column without counts has none).
     * Every record is counted once in every column, so the window's records are its prediction counts' sum.
     */
    public static WindowDrift window(BaselineProfile baseline, Policy.Drift policy, Instant start,
            Map<String, long[]> counts) {
        var end = start.plus(policy.window());
        long records = 0;
        for (var count : counts.getOrDefault(BaselineProfile.PREDICTION, new long[0])) {
            records += count;
        }
        var enough = records >= policy.minSample();
        var verdict = enough ? MonitoringVerdict.PASS : MonitoringVerdict.INSUFFICIENT_DATA;
        var columns = new ArrayList<ColumnDrift>();
        for (var column : baseline.columns()) {
            var window = counts.getOrDefault(column.name(), new long[column.bins().size()]);
            var numeric = column.bins() instanceof Bins.Numeric;
            var levels = numeric ? policy.psi() : policy.jensenShannon();
            Double value = null;
            if (records > 0) {
                value = numeric
                        ? DriftStatistics.psi(column.countArray(), window)
                        : DriftStatistics.jensenShannonDistance(column.countArray(), window);
            }
            var columnVerdict = enough
                    ? MonitoringVerdict.of(value, levels.warn(), levels.breach())
                    : MonitoringVerdict.INSUFFICIENT_DATA;
            verdict = verdict.worse(columnVerdict);
            columns.add(new ColumnDrift(column.name(), column.statistic(), value, levels, columnVerdict,
                    java.util.Arrays.stream(window).boxed().toList()));
        }
        return new WindowDrift(start, end, records, columns, verdict);
    }

    /**
     * The version's drift over its last {@code consecutive.of} closed windows, oldest first: BREACH when at least
     * {@code consecutive.breaches} of them breach; otherwise INSUFFICIENT_DATA when there is no closed window or the
     * latest one had too few records (nothing says it is fine now); otherwise WARN when any of them warned or
     * breached; PASS only when the latest was judged and none did.
     */
    public static MonitoringVerdict version(List<MonitoringVerdict> windowsOldestFirst, Policy.Consecutive rule) {
        return SignalRules.version(windowsOldestFirst, rule, MonitoringVerdict.INSUFFICIENT_DATA);
    }
}
