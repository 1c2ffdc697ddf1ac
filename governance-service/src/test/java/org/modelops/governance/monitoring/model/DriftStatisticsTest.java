package org.modelops.governance.monitoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Reference values worked by hand below; cross-checked with a separate Python script (math.log, math.log2). */
class DriftStatisticsTest {

    @Test
    void psiOfAShiftedDistributionMatchesTheHandComputedValue() {
        // shares 0.25 each against 0.1, 0.2, 0.3, 0.4:
        // (0.1-0.25)ln(0.4) + (0.2-0.25)ln(0.8) + (0.3-0.25)ln(1.2) + (0.4-0.25)ln(1.6)
        // = 0.137444 + 0.011157 + 0.009116 + 0.070500 = 0.228217
        assertThat(DriftStatistics.psi(new long[]{25, 25, 25, 25}, new long[]{10, 20, 30, 40}))
                .isCloseTo(0.22821740957339182, within(1e-12));
    }

    @Test
    void anEmptyBaselineBinTakesEpsilonInsteadOfAnInfiniteTerm() {
        // (0.4-0.5)ln(0.8) twice = 0.044629; (0.2-0.0001)ln(0.2/0.0001) = 0.1999 · 7.600902 = 1.519420
        assertThat(DriftStatistics.psi(new long[]{50, 50, 0}, new long[]{40, 40, 20}))
                .isCloseTo(1.5640491119253044, within(1e-12));
    }

    @Test
    void identicalSharesHaveNoDrift() {
        assertThat(DriftStatistics.psi(new long[]{10, 20, 0}, new long[]{100, 200, 0})).isZero();
        assertThat(DriftStatistics.jensenShannonDistance(new long[]{10, 20, 0}, new long[]{100, 200, 0})).isZero();
    }

    @Test
    void jensenShannonDistanceMatchesTheHandComputedValue() {
        // p = (1/2, 1/2, 0), q = (0, 1/2, 1/2), m = (1/4, 1/2, 1/4):
        // KL(p||m) = 1/2 log2 2 + 1/2 log2 1 = 1/2 = KL(q||m); JSD = 1/2; distance = sqrt(1/2)
        assertThat(DriftStatistics.jensenShannonDistance(new long[]{1, 1, 0}, new long[]{0, 1, 1}))
                .isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(DriftStatistics.jensenShannonDistance(new long[]{60, 30, 10, 0}, new long[]{30, 30, 30, 10}))
                .isCloseTo(0.35286151643903185, within(1e-12));
    }

    @Test
    void disjointDistributionsAreAtDistanceOne() {
        assertThat(DriftStatistics.jensenShannonDistance(new long[]{5, 0}, new long[]{0, 7}))
                .isCloseTo(1.0, within(1e-12));
    }

    @Test
    void distributionsOnDifferentBinsCannotBeCompared() {
        assertThatThrownBy(() -> DriftStatistics.psi(new long[]{1, 2}, new long[]{1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DriftStatistics.psi(new long[]{1, 2}, new long[]{0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
