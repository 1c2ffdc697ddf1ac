package org.modelops.governance.monitoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * KPIs and intervals from tallies against references computed independently in Python from the raw values (numpy
 * 2.4, scipy 1.17: {@code mannwhitneyu} for the AUC, DeLong's placements on the raw scores,
 * {@code binomtest(...).proportion_ci(method="wilson")}, {@code norm.ppf(0.975)}); the script is in the comments.
 */
class KpisTest {

    private static final double EPS = 1e-12;

    // i = 0..999; s = ((i * 7919) % 10000) / 10000; y = 1 when (i * 7919) % 10000 + (i * 37) % 3000 > 6000
    private static double score(int i) {
        return ((i * 7919) % 10000) / 10000.0;
    }

    private static boolean positive(int i) {
        return (i * 7919) % 10000 + (i * 37) % 3000 > 6000;
    }

    @Test
    void theAucAndItsDeLongIntervalMatchTheRawScores() {
        var positives = new long[Kpis.SCORE_BINS];
        var negatives = new long[Kpis.SCORE_BINS];
        for (int i = 0; i < 1000; i++) {
            (positive(i) ? positives : negatives)[Kpis.scoreBin(score(i))]++;
        }

        var auc = Kpis.auc(positives, negatives);

        // U / (P N) with P = 546, N = 454; se = sqrt(var(V10, ddof=1) / P + var(V01, ddof=1) / N)
        assertThat(auc.value()).isCloseTo(0.985049458617741, within(EPS));
        assertThat(auc.lower()).isCloseTo(0.980116169236153, within(EPS));
        assertThat(auc.upper()).isCloseTo(0.989982747999328, within(EPS));
        assertThat(auc.count()).isEqualTo(1000);
    }

    @Test
    void tiesCountOneHalfAndOneClassHasNoAuc() {
        var same = new long[Kpis.SCORE_BINS];
        same[5000] = 10;
        assertThat(Kpis.auc(same, same).value()).isEqualTo(0.5);
        assertThat(Kpis.auc(same, new long[Kpis.SCORE_BINS]).value()).isNull();
    }

    @Test
    void precisionRecallAndF1FromConfusionCountsWithWilsonIntervals() {
        var confusion = new long[4];
        for (int i = 0; i < 1000; i++) {
            confusion[Kpis.confusionBin(positive(i), score(i) >= 0.5)]++;
        }
        assertThat(confusion).containsExactly(434, 20, 65, 481);

        var precision = Kpis.fromConfusion("precision", confusion);
        assertThat(precision.value()).isCloseTo(0.960079840319361, within(EPS));
        assertThat(precision.lower()).isCloseTo(0.939146491544911, within(1e-9));
        assertThat(precision.upper()).isCloseTo(0.974011475070772, within(1e-9));
        var recall = Kpis.fromConfusion("recall", confusion);
        assertThat(recall.value()).isCloseTo(0.880952380952381, within(EPS));
        assertThat(recall.lower()).isCloseTo(0.851091723029136, within(1e-9));
        assertThat(recall.upper()).isCloseTo(0.905490003078316, within(1e-9));
        var f1 = Kpis.fromConfusion("f1", confusion);
        assertThat(f1.value()).isCloseTo(0.918815663801337, within(EPS));
        assertThat(f1.lower()).as("F1 has no interval").isNull();
        assertThat(Kpis.fromConfusion("accuracy", confusion).value()).isEqualTo(0.915);
    }

    @Test
    void maeAndRmseFromSumsWithNormalIntervals() {
        // predicted = i % 50, outcome = (i * 13) % 47
        long n = 1000;
        double abs = 0;
        double squares = 0;
        double fourth = 0;
        for (int i = 0; i < n; i++) {
            double e = (i % 50) - (i * 13) % 47;
            abs += Math.abs(e);
            squares += e * e;
            fourth += e * e * e * e;
        }

        var mae = Kpis.mae(n, abs, squares);
        assertThat(mae.value()).isCloseTo(16.353, within(1e-9));
        assertThat(mae.lower()).isCloseTo(15.635652251620296, within(1e-9));
        assertThat(mae.upper()).isCloseTo(17.070347748379707, within(1e-9));
        var rmse = Kpis.rmse(n, squares, fourth);
        assertThat(rmse.value()).isCloseTo(20.031050896046366, within(1e-9));
        assertThat(rmse.lower()).isCloseTo(19.279851267308850, within(1e-9));
        assertThat(rmse.upper()).isCloseTo(20.755079742329329, within(1e-9));
    }

    @Test
    void scoresFallOnFourDecimalBins() {
        assertThat(Kpis.scoreBin(0.0)).isZero();
        assertThat(Kpis.scoreBin(0.12345)).isEqualTo(1234);
        assertThat(Kpis.scoreBin(1.0)).isEqualTo(Kpis.SCORE_BINS - 1);
    }
}
