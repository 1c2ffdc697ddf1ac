package org.modelops.governance.monitoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelops.governance.monitoring.model.MonitoringVerdict.BREACH;
import static org.modelops.governance.monitoring.model.MonitoringVerdict.INSUFFICIENT_DATA;
import static org.modelops.governance.monitoring.model.MonitoringVerdict.PASS;
import static org.modelops.governance.monitoring.model.MonitoringVerdict.WARN;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelops.governance.policy.model.Policy;

class DriftJudgeTest {

    private static final Policy.Consecutive TWO_OF_THREE = new Policy.Consecutive(2, 3);
    private static final Policy.Drift POLICY = new Policy.Drift(Duration.ofHours(1), 100,
            new Policy.Levels(0.1, 0.25), new Policy.Levels(0.1, 0.2), TWO_OF_THREE, List.of("alert"));

    /** income on 4 bins plus missing (25 each), prediction on 2 categories plus unseen and missing. */
    private static final BaselineProfile BASELINE = new BaselineProfile(100, List.of(
            new BaselineProfile.Column("income", new Bins.Numeric(List.of(1.0, 2.0, 3.0)),
                    List.of(25L, 25L, 25L, 25L, 0L)),
            new BaselineProfile.Column("prediction", new Bins.Categorical(List.of("no", "yes")),
                    List.of(50L, 50L, 0L, 0L))));

    private static final Instant START = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void aWindowIsAlignedToTheEpoch() {
        assertThat(DriftJudge.windowStart(Instant.parse("2026-11-30T10:59:59.9Z"), Duration.ofHours(1)))
                .isEqualTo(START);
        assertThat(DriftJudge.windowStart(Instant.parse("2026-11-30T10:59:59Z"), Duration.ofDays(1)))
                .isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
    }

    @Test
    void aShiftedFeatureBreachesAndTheWindowWithIt() {
        // PSI 0.228 (DriftStatisticsTest) is a warning; 10/20/30/40 → 0/10/30/60 is far past 0.25
        var window = DriftJudge.window(BASELINE, POLICY, START, Map.of(
                "income", new long[]{0, 10, 30, 60, 0},
                "prediction", new long[]{50, 50, 0, 0}));

        assertThat(window.records()).isEqualTo(100);
        assertThat(window.end()).isEqualTo(START.plus(Duration.ofHours(1)));
        assertThat(window.columns()).extracting(DriftJudge.ColumnDrift::verdict).containsExactly(BREACH, PASS);
        assertThat(window.columns().getFirst().value()).isGreaterThan(0.25);
        assertThat(window.verdict()).isEqualTo(BREACH);
    }

    @Test
    void aWarningIsNotABreach() {
        var window = DriftJudge.window(BASELINE, POLICY, START, Map.of(
                "income", new long[]{10, 20, 30, 40, 0},
                "prediction", new long[]{50, 50, 0, 0}));

        assertThat(window.columns().getFirst().value()).isBetween(0.228, 0.229);
        assertThat(window.verdict()).isEqualTo(WARN);
    }

    @Test
    void aWindowBelowTheMinimumSampleIsInsufficientHoweverItLooks() {
        var window = DriftJudge.window(BASELINE, POLICY, START, Map.of(
                "income", new long[]{0, 0, 0, 99, 0},
                "prediction", new long[]{99, 0, 0, 0}));

        assertThat(window.records()).isEqualTo(99);
        assertThat(window.columns()).extracting(DriftJudge.ColumnDrift::verdict)
                .containsOnly(INSUFFICIENT_DATA);
        assertThat(window.verdict()).isEqualTo(INSUFFICIENT_DATA);
    }

    @Test
    void aWindowWithoutRecordsHasNoStatisticAndIsInsufficient() {
        var window = DriftJudge.window(BASELINE, POLICY, START, Map.of());

        assertThat(window.records()).isZero();
        assertThat(window.columns().getFirst().value()).isNull();
        assertThat(window.verdict()).isEqualTo(INSUFFICIENT_DATA);
    }

    @Test
    void theVersionBreachesWhenKOfTheLastNWindowsBreach() {
        assertThat(DriftJudge.version(List.of(BREACH, PASS, BREACH), TWO_OF_THREE)).isEqualTo(BREACH);
        assertThat(DriftJudge.version(List.of(BREACH, INSUFFICIENT_DATA, BREACH), TWO_OF_THREE)).isEqualTo(BREACH);
        assertThat(DriftJudge.version(List.of(BREACH, BREACH, PASS, PASS), TWO_OF_THREE)).isEqualTo(WARN);
        assertThat(DriftJudge.version(List.of(PASS, BREACH), new Policy.Consecutive(1, 1))).isEqualTo(BREACH);
    }

    @Test
    void oneBreachOfTwoNeededIsAWarning() {
        assertThat(DriftJudge.version(List.of(PASS, BREACH, PASS), TWO_OF_THREE)).isEqualTo(WARN);
        assertThat(DriftJudge.version(List.of(PASS, WARN, PASS), TWO_OF_THREE)).isEqualTo(WARN);
        assertThat(DriftJudge.version(List.of(BREACH, PASS, PASS, PASS), TWO_OF_THREE)).isEqualTo(PASS);
    }

    @Test
    void lackOfDataIsNeverAPass() {
        assertThat(DriftJudge.version(List.of(), TWO_OF_THREE)).isEqualTo(INSUFFICIENT_DATA);
        assertThat(DriftJudge.version(List.of(PASS, PASS, INSUFFICIENT_DATA), TWO_OF_THREE))
                .isEqualTo(INSUFFICIENT_DATA);
    }
}
