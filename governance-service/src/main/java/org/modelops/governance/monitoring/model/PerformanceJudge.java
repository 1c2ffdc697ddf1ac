package org.modelops.governance.monitoring.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.modelops.governance.policy.model.Policy;

/**
 * Judges the policy's KPIs on a window's matured outcomes (the window is one of prediction time). A window is
 * PENDING_LABELS until {@code labelDelay} has passed since it ended, and after that while fewer than
 * {@code minSample} outcomes, or less than {@code coverage} of its predictions, have come; with fewer than
 * {@code minSample} predictions it is INSUFFICIENT_DATA (no label can fix that). A KPI with an interval breaches only
 * when the whole interval lies beyond the breach level (the evidence for a rollback must not be noise) and warns when
 * its point estimate lies beyond the warn or the breach level; one without an interval is judged on its value.
 */
public final class PerformanceJudge {

    public static final String PREDICTIONS = "predictions";
    public static final String OUTCOMES = "outcomes";
    public static final String SCORE = "score:";
    public static final String CONFUSION = "confusion:";
    public static final String ERROR = "error:";
    /** The slice of every outcome. */
    public static final String ALL = "*";
    public static final String COVERAGE = "coverage";
    /** A slice needs this many outcomes to count in a fairness gap. */
    public static final int MIN_SLICE_OUTCOMES = 100;

    private PerformanceJudge() {
    }

    /** Whether the window's outcomes are mature at {@code now}. */
    public static boolean matured(Policy.Performance policy, Instant start, Instant now) {
        return !now.isBefore(start.plus(policy.window()).plus(policy.labelDelay()));
    }

    public static SignalWindow window(Policy.Performance policy, Instant start, WindowTallies tallies, Instant now) {
        long predictions = tallies.count(PREDICTIONS, 0);
        long outcomes = tallies.count(OUTCOMES, 0);
        var coverage = predictions == 0 ? 0.0 : Math.min(1.0, (double) outcomes / predictions);
        MonitoringVerdict undecided = null;
        if (!matured(policy, start, now)) {
            undecided = MonitoringVerdict.PENDING_LABELS;
        } else if (predictions < policy.minSample()) {
            undecided = MonitoringVerdict.INSUFFICIENT_DATA;
        } else if (outcomes < policy.minSample() || coverage < policy.coverage()) {
            undecided = MonitoringVerdict.PENDING_LABELS;
        }
        var measures = new ArrayList<Measure>();
        measures.add(new Measure(COVERAGE, "share", predictions == 0 ? null : coverage, null, null, outcomes,
                policy.coverage(), policy.coverage(), Measure.BELOW, coverage < policy.coverage()
                        ? MonitoringVerdict.PENDING_LABELS
                        : MonitoringVerdict.PASS,
                Map.of("predictions", predictions, "outcomes", outcomes)));
        var kpis = new TreeMap<>(policy.kpis());
        for (var kpi : kpis.entrySet()) {
            var estimate = estimate(policy, kpi.getKey(), ALL, tallies);
            measures.add(measure(kpi.getKey(), kpi.getKey(), estimate, kpi.getValue(),
                    !Policy.Performance.higherIsWorse(kpi.getKey()), undecided, Map.of()));
        }
        for (var gap : policy.fairness()) {
            measures.add(gap(policy, gap, tallies, undecided));
        }
        var verdict = undecided != null
                ? undecided
                : SignalRules.worst(measures.stream().map(Measure::verdict).toList());
        return new SignalWindow(start, start.plus(policy.window()), outcomes, measures, verdict);
    }

    /** The KPI over one slice's outcomes ({@link #ALL} for every outcome). */
    public static Kpis.Estimate estimate(Policy.Performance policy, String kpi, String slice, WindowTallies tallies) {
        return switch (kpi) {
            case "auc" -> Kpis.auc(tallies.histogram(SCORE + "1:" + slice, Kpis.SCORE_BINS),
                    tallies.histogram(SCORE + "0:" + slice, Kpis.SCORE_BINS));
            case "mae" -> Kpis.mae(tallies.count(ERROR + slice, 0), tallies.total(ERROR + slice, 0),
                    tallies.total(ERROR + slice, 2));
            case "rmse" -> Kpis.rmse(tallies.count(ERROR + slice, 0), tallies.total(ERROR + slice, 2),
                    tallies.total(ERROR + slice, 4));
            default -> Kpis.fromConfusion(kpi, tallies.histogram(CONFUSION + slice, 4));
        };
    }

    private static long outcomes(Policy.Performance policy, String slice, WindowTallies tallies) {
        if (policy.classification()) {
            long n = 0;
            for (var count : tallies.histogram(CONFUSION + slice, 4)) {
                n += count;
            }
            return n;
        }
        return tallies.count(ERROR + slice, 0);
    }

    private static Measure gap(Policy.Performance policy, Policy.FairnessGap gap, WindowTallies tallies,
            MonitoringVerdict undecided) {
        var prefix = (policy.classification() ? CONFUSION : ERROR) + gap.slice() + "=";
        var values = new TreeMap<String, Double>();
        var counts = new TreeMap<String, Long>();
        for (var name : tallies.names(prefix)) {
            var slice = name.substring((policy.classification() ? CONFUSION : ERROR).length());
            var n = outcomes(policy, slice, tallies);
            var value = estimate(policy, gap.metric(), slice, tallies).value();
            if (n >= MIN_SLICE_OUTCOMES && value != null) {
                values.put(slice, value);
                counts.put(slice, n);
            }
        }
        var metric = "fairness:" + gap.metric() + ":" + gap.slice();
        var levels = gap.maxGap();
        var detail = new LinkedHashMap<String, Object>();
        detail.put("slices", values);
        detail.put("outcomes", counts);
        if (values.size() < 2) {
            return new Measure(metric, "gap", null, null, null, counts.values().stream().mapToLong(c -> c).sum(),
                    levels.warn(), levels.breach(), Measure.ABOVE, undecided != null
                            ? undecided
                            : MonitoringVerdict.INSUFFICIENT_DATA,
                    detail);
        }
        var highest = values.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        var lowest = values.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
        detail.put("highest", highest.getKey());
        detail.put("lowest", lowest.getKey());
        var value = highest.getValue() - lowest.getValue();
        return new Measure(metric, "gap", value, null, null, counts.values().stream().mapToLong(c -> c).sum(),
                levels.warn(), levels.breach(), Measure.ABOVE, undecided != null
                        ? undecided
                        : MonitoringVerdict.of(value, levels.warn(), levels.breach()),
                detail);
    }

    private static Measure measure(String metric, String statistic, Kpis.Estimate estimate, Policy.Levels levels,
            boolean lowerIsWorse, MonitoringVerdict undecided, Map<String, Object> detail) {
        MonitoringVerdict verdict;
        if (undecided != null) {
            verdict = undecided;
        } else if (estimate.value() == null) {
            verdict = MonitoringVerdict.INSUFFICIENT_DATA;
        } else {
            verdict = judge(estimate, levels, lowerIsWorse);
        }
        return new Measure(metric, statistic, estimate.value(), estimate.lower(), estimate.upper(), estimate.count(),
                levels.warn(), levels.breach(), lowerIsWorse ? Measure.BELOW : Measure.ABOVE, verdict, detail);
    }

    /**
     * BREACH when the interval lies wholly beyond the breach level (without an interval: the value does), WARN when
     * the value lies beyond the warn level, else PASS.
     */
    public static MonitoringVerdict judge(Kpis.Estimate estimate, Policy.Levels levels, boolean lowerIsWorse) {
        double value = estimate.value();
        if (lowerIsWorse) {
            var bound = estimate.upper() == null ? value : estimate.upper();
            if (bound < levels.breach()) {
                return MonitoringVerdict.BREACH;
            }
            return value < levels.warn() ? MonitoringVerdict.WARN : MonitoringVerdict.PASS;
        }
        var bound = estimate.lower() == null ? value : estimate.lower();
        if (bound >= levels.breach()) {
            return MonitoringVerdict.BREACH;
        }
        return value >= levels.warn() ? MonitoringVerdict.WARN : MonitoringVerdict.PASS;
    }

    /** The matured windows of a list, oldest first: the ones a version's performance verdict is taken over. */
    public static List<SignalWindow> matured(Policy.Performance policy, List<SignalWindow> windows, Instant now) {
        return windows.stream().filter(window -> matured(policy, window.start(), now)).toList();
    }
}
