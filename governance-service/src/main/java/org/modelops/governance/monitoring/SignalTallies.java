package org.modelops.governance.monitoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.modelops.governance.monitoring.MonitoringStore.JoinedPrediction;
import org.modelops.governance.monitoring.MonitoringStore.Tally;
import org.modelops.governance.monitoring.model.BaselineProfile;
import org.modelops.governance.monitoring.model.Bins;
import org.modelops.governance.monitoring.model.DataQualityJudge;
import org.modelops.governance.monitoring.model.DriftJudge;
import org.modelops.governance.monitoring.model.Kpis;
import org.modelops.governance.monitoring.model.PerformanceJudge;
import org.modelops.governance.monitoring.model.ServiceJudge;
import org.modelops.governance.monitoring.model.SignalRules;
import org.modelops.governance.policy.model.Policy;

/**
 * A batch's tallies for the signals beyond drift, added up in memory so that the batch upserts each (signal, window,
 * tally, bin) once: data quality and service from prediction records, performance from outcomes joined to them.
 */
final class SignalTallies {

    private final Policy.Monitoring monitoring;
    private final BaselineProfile baseline;
    /** signal → window start → tally → bin → {count, total}. */
    private final Map<String, TreeMap<Instant, TreeMap<String, TreeMap<Integer, double[]>>>> cells = new TreeMap<>();

    SignalTallies(Policy.Monitoring monitoring, BaselineProfile baseline) {
        this.monitoring = monitoring;
        this.baseline = baseline;
    }

    /** Counts one new prediction record, given its time and its bin per baseline column. */
    void prediction(PredictionRecord record, Instant time, int[] bins) {
        var quality = monitoring.dataQuality();
        if (quality != null && baseline != null) {
            var window = DriftJudge.windowStart(time, quality.window());
            add(SignalRules.DATA_QUALITY, window, DataQualityJudge.RECORDS, 0, 1, 0);
            for (int c = 0; c < baseline.columns().size(); c++) {
                var column = baseline.columns().get(c);
                var bin = bins[c];
                if (bin == column.bins().missingBin()) {
                    add(SignalRules.DATA_QUALITY, window, DataQualityJudge.MISSING + column.name(), 0, 1, 0);
                } else if (column.bins() instanceof Bins.Categorical categorical && bin == categorical.unseenBin()) {
                    add(SignalRules.DATA_QUALITY, window, DataQualityJudge.UNSEEN + column.name(), 0, 1, 0);
                } else if (DataQualityJudge.outOfRange(column, value(record, column.name()))) {
                    add(SignalRules.DATA_QUALITY, window, DataQualityJudge.OUT_OF_RANGE + column.name(), 0, 1, 0);
                }
            }
        }
        var service = monitoring.service();
        if (service != null) {
            var window = DriftJudge.windowStart(time, service.window());
            add(SignalRules.SERVICE, window, ServiceJudge.RECORDS, 0, 1, 0);
            if (Boolean.TRUE.equals(record.error())) {
                add(SignalRules.SERVICE, window, ServiceJudge.ERRORS, 0, 1, 0);
            }
            if (record.latencyMs() != null) {
                add(SignalRules.SERVICE, window, ServiceJudge.LATENCY, ServiceJudge.latencyBin(record.latencyMs()), 1,
                        record.latencyMs());
            }
        }
        var performance = monitoring.performance();
        if (performance != null) {
            add(SignalRules.PERFORMANCE, DriftJudge.windowStart(time, performance.window()),
                    PerformanceJudge.PREDICTIONS, 0, 1, 0);
        }
    }

    /** Counts one new outcome of a classifier (1 or 0) or a regressor, joined to its prediction. */
    void outcome(JoinedPrediction prediction, double outcome) {
        var performance = monitoring.performance();
        var window = DriftJudge.windowStart(prediction.predictedAt(), performance.window());
        add(SignalRules.PERFORMANCE, window, PerformanceJudge.OUTCOMES, 0, 1, 0);
        var slices = new ArrayList<String>();
        slices.add(PerformanceJudge.ALL);
        slices.addAll(prediction.slices());
        for (var slice : slices) {
            if (performance.classification()) {
                var positive = outcome >= 0.5;
                var score = prediction.score();
                add(SignalRules.PERFORMANCE, window, PerformanceJudge.SCORE + (positive ? "1:" : "0:") + slice,
                        Kpis.scoreBin(score), 1, score);
                add(SignalRules.PERFORMANCE, window, PerformanceJudge.CONFUSION + slice,
                        Kpis.confusionBin(positive, score >= performance.threshold()), 1, 0);
            } else {
                var error = prediction.predicted() - outcome;
                var tally = PerformanceJudge.ERROR + slice;
                add(SignalRules.PERFORMANCE, window, tally, 0, 1, Math.abs(error));
                add(SignalRules.PERFORMANCE, window, tally, 2, 0, error * error);
                add(SignalRules.PERFORMANCE, window, tally, 4, 0, error * error * error * error);
            }
        }
    }

    /** The cells to upsert, in key order. */
    List<Tally> rows() {
        var rows = new ArrayList<Tally>();
        cells.forEach((signal, windows) -> windows.forEach((window, tallies) -> tallies.forEach((tally, bins) -> bins
                .forEach((bin, cell) -> rows.add(new Tally(signal, window, tally, bin, (long) cell[0], cell[1]))))));
        return rows;
    }

    private void add(String signal, Instant window, String tally, int bin, long count, double total) {
        var cell = cells.computeIfAbsent(signal, s -> new TreeMap<>()).computeIfAbsent(window, w -> new TreeMap<>())
                .computeIfAbsent(tally, t -> new TreeMap<>()).computeIfAbsent(bin, b -> new double[2]);
        cell[0] += count;
        cell[1] += total;
    }

    private static Object value(PredictionRecord record, String column) {
        return BaselineProfile.PREDICTION.equals(column) ? record.prediction() : record.features().get(column);
    }

    /** What a classifier's outcome is compared with: its score, else a 0/1 or boolean prediction. */
    static Double score(PredictionRecord record) {
        if (record.score() != null) {
            return record.score();
        }
        if (record.prediction() instanceof Boolean positive) {
            return positive ? 1.0 : 0.0;
        }
        if (record.prediction() instanceof Number number && number.doubleValue() >= 0 && number.doubleValue() <= 1) {
            return number.doubleValue();
        }
        return null;
    }

    /** What a regressor's outcome is compared with: a numeric prediction. */
    static Double predicted(PredictionRecord record) {
        return record.prediction() instanceof Number number && Double.isFinite(number.doubleValue())
                ? number.doubleValue()
                : null;
    }

    /** The slices a record belongs to for the policy's fairness gaps: {@code feature=value}. */
    static List<String> slices(Policy.Performance performance, PredictionRecord record) {
        var out = new ArrayList<String>();
        for (var gap : performance.fairness()) {
            var value = record.features().get(gap.slice());
            var slice = gap.slice() + "=" + (value == null ? "missing" : Bins.Categorical.text(value));
            if (!out.contains(slice)) {
                out.add(slice);
            }
        }
        return out;
    }
}
