package org.modelops.governance.monitoring.model;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.interval.BinomialConfidenceInterval;

/**
 * KPIs of a window from its exact tallies, each with a 95 % interval where one is standard: Wilson score intervals
 * (Apache Commons Statistics) for the proportions precision, recall and accuracy; DeLong's variance for the AUC,
 * exact on the stored score histograms since every score in a bin has the same placement; a normal interval on the
 * mean of |e| and of e² for MAE and RMSE (from Σ|e|, Σe², Σe⁴). F1 has no interval.
 */
public final class Kpis {

    /** Scores are counted on bins 1/10 000 wide: the AUC is exact for scores given to four decimals. */
    public static final int SCORE_BINS = 10_000;
    /** Confusion bins: true negative, false positive, false negative, true positive. */
    public static final int TN = 0;
    public static final int FP = 1;
    public static final int FN = 2;
    public static final int TP = 3;

    static final double ALPHA = 0.05;
    static final double Z = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - ALPHA / 2);

    private Kpis() {
    }

    /** A value with its interval ({@code lower}, {@code upper} null when it has none). */
    public record Estimate(Double value, Double lower, Double upper, long count) {
        static Estimate none(long count) {
            return new Estimate(null, null, null, count);
        }
    }

    public static int scoreBin(double score) {
        return (int) Math.max(0, Math.min(SCORE_BINS - 1, Math.floor(score * SCORE_BINS)));
    }

    /** The confusion bin of an outcome (1 or 0) and whether the prediction was positive. */
    public static int confusionBin(boolean actual, boolean predicted) {
        return (actual ? 2 : 0) + (predicted ? 1 : 0);
    }

    /** A share x of n with its Wilson score interval. */
    public static Estimate proportion(long x, long n) {
        if (n == 0) {
            return Estimate.none(0);
        }
        var interval = BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate(Math.toIntExact(n), Math.toIntExact(x),
                ALPHA);
        return new Estimate((double) x / n, interval.getLowerBound(), interval.getUpperBound(), n);
    }

    /** A KPI from confusion counts (TN, FP, FN, TP). */
    public static Estimate fromConfusion(String kpi, long[] confusion) {
        long tn = confusion[TN];
        long fp = confusion[FP];
        long fn = confusion[FN];
        long tp = confusion[TP];
        return switch (kpi) {
            case "precision" -> proportion(tp, tp + fp);
            case "recall" -> proportion(tp, tp + fn);
            case "accuracy" -> proportion(tp + tn, tp + tn + fp + fn);
            case "f1" -> 2 * tp + fp + fn == 0
                    ? Estimate.none(tp + tn + fp + fn)
                    : new Estimate(2.0 * tp / (2 * tp + fp + fn), null, null, tp + tn + fp + fn);
            default -> throw new IllegalArgumentException("not a confusion KPI: " + kpi);
        };
    }

    /**
     * The AUC of score histograms of positives and negatives on the same bins (a tie counts one half), with DeLong's
     * variance: V10 of a positive is the share of negatives below it (ties one half), V01 of a negative the share of
     * positives above it; Var = S10 / P + S01 / N.
     */
    public static Estimate auc(long[] positives, long[] negatives) {
        long p = 0;
        long n = 0;
        for (int b = 0; b < positives.length; b++) {
            p += positives[b];
            n += negatives[b];
        }
        if (p == 0 || n == 0) {
            return Estimate.none(p + n);
        }
        var v10 = new double[positives.length];
        var v01 = new double[positives.length];
        long below = 0;
        for (int b = 0; b < positives.length; b++) {
            v10[b] = (below + 0.5 * negatives[b]) / n;
            below += negatives[b];
        }
        long above = 0;
        for (int b = positives.length - 1; b >= 0; b--) {
            v01[b] = (above + 0.5 * positives[b]) / p;
            above += positives[b];
        }
        double auc = 0;
        for (int b = 0; b < positives.length; b++) {
            auc += positives[b] * v10[b];
        }
        auc /= p;
        if (p < 2 || n < 2) {
            return new Estimate(auc, null, null, p + n);
        }
        double s10 = 0;
        double s01 = 0;
        for (int b = 0; b < positives.length; b++) {
            s10 += positives[b] * (v10[b] - auc) * (v10[b] - auc);
            s01 += negatives[b] * (v01[b] - auc) * (v01[b] - auc);
        }
        s10 /= p - 1;
        s01 /= n - 1;
        var se = Math.sqrt(s10 / p + s01 / n);
        return new Estimate(auc, Math.max(0, auc - Z * se), Math.min(1, auc + Z * se), p + n);
    }

    /** The mean absolute error from n, Σ|e| and Σe², with a normal interval on the mean of |e|. */
    public static Estimate mae(long n, double sumAbs, double sumSquares) {
        if (n == 0) {
            return Estimate.none(0);
        }
        var mean = sumAbs / n;
        if (n < 2) {
            return new Estimate(mean, null, null, n);
        }
        var se = Math.sqrt(Math.max(0, (sumSquares - n * mean * mean) / (n - 1)) / n);
        return new Estimate(mean, Math.max(0, mean - Z * se), mean + Z * se, n);
    }

    /** The root mean squared error from n, Σe² and Σe⁴, with a normal interval on the mean of e², square-rooted. */
    public static Estimate rmse(long n, double sumSquares, double sumFourth) {
        if (n == 0) {
            return Estimate.none(0);
        }
        var mse = sumSquares / n;
        if (n < 2) {
            return new Estimate(Math.sqrt(mse), null, null, n);
        }
        var se = Math.sqrt(Math.max(0, (sumFourth - n * mse * mse) / (n - 1)) / n);
        return new Estimate(Math.sqrt(mse), Math.sqrt(Math.max(0, mse - Z * se)), Math.sqrt(mse + Z * se), n);
    }
}
