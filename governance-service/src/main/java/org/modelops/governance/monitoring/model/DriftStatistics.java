package org.modelops.governance.monitoring.model;

/**
 * Effect sizes between the baseline's and a window's counts on the same bins (docs/monitoring.md). No p-values: at
 * production sample sizes they flag every difference, however small.
 */
public final class DriftStatistics {

    public static final String PSI = "psi";
    public static final String JENSEN_SHANNON = "jensenShannon";

    /**
     * A bin's share of 0 is taken as this for PSI (one record in ten thousand), which keeps the logarithm finite; the
     * other shares are left as they are. An empty bin in both distributions contributes nothing.
     */
    public static final double EPSILON = 1e-4;

    private DriftStatistics() {
    }

    /** Population stability index: sum over bins of (a − e) · ln(a / e), a the window's share and e the baseline's. */
    public static double psi(long[] baseline, long[] window) {
        check(baseline, window);
        var expectedTotal = total(baseline);
        var actualTotal = total(window);
        double psi = 0;
        for (int i = 0; i < baseline.length; i++) {
            if (baseline[i] == 0 && window[i] == 0) {
                continue;
            }
            var e = Math.max((double) baseline[i] / expectedTotal, EPSILON);
            var a = Math.max((double) window[i] / actualTotal, EPSILON);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    /**
     * Jensen–Shannon distance with base-2 logarithms: the square root of the mean Kullback–Leibler divergence of each
     * distribution from their mixture; 0 for equal distributions, 1 for disjoint ones.
     */
    public static double jensenShannonDistance(long[] baseline, long[] window) {
        check(baseline, window);
        var pTotal = total(baseline);
        var qTotal = total(window);
        double divergence = 0;
        for (int i = 0; i < baseline.length; i++) {
            var p = (double) baseline[i] / pTotal;
            var q = (double) window[i] / qTotal;
            var m = (p + q) / 2;
            divergence += (p > 0 ? p * log2(p / m) : 0) / 2 + (q > 0 ? q * log2(q / m) : 0) / 2;
        }
        return Math.sqrt(Math.max(0, divergence));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static long total(long[] counts) {
        long total = 0;
        for (var count : counts) {
            total += count;
        }
        return total;
    }

    private static void check(long[] baseline, long[] window) {
        if (baseline.length != window.length) {
            throw new IllegalArgumentException(baseline.length + " baseline bins against " + window.length);
        }
        if (total(baseline) == 0 || total(window) == 0) {
            throw new IllegalArgumentException("a distribution without counts has no shares to compare");
        }
    }
}
