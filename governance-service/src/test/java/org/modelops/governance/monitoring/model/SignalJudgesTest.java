package org.modelops.governance.monitoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelops.governance.policy.model.Policy;

class SignalJudgesTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final Policy.Consecutive TWO_OF_THREE = new Policy.Consecutive(2, 3);

    private static final BaselineProfile BASELINE = new BaselineProfile(1000, List.of(
            new BaselineProfile.Column("income", new Bins.Numeric(List.of(10.0, 20.0)), List.of(300L, 400L, 300L,
                    0L), 0.0, 30.0),
            new BaselineProfile.Column("segment", new Bins.Categorical(List.of("a", "b")), List.of(500L, 500L, 0L,
                    0L)),
            new BaselineProfile.Column("prediction", new Bins.Numeric(List.of(0.5)), List.of(500L, 500L, 0L))));

    private static final Policy.DataQuality QUALITY = new Policy.DataQuality(Duration.ofHours(1), 100,
            new Policy.Levels(0.05, 0.1), new Policy.Levels(0.02, 0.05), new Policy.Levels(0.02, 0.05),
            new Policy.Levels(1000, 100), TWO_OF_THREE, List.of("alert"));

    private static Measure measure(SignalWindow window, String metric) {
        return window.measures().stream().filter(m -> m.metric().equals(metric)).findFirst().orElseThrow();
    }

    @Test
    void outOfRangeIsOutsideTheBaselinesMinAndMax() {
        var income = BASELINE.columns().getFirst();
        assertThat(DataQualityJudge.outOfRange(income, 30.0)).isFalse();
        assertThat(DataQualityJudge.outOfRange(income, 30.5)).isTrue();
        assertThat(DataQualityJudge.outOfRange(income, -1)).isTrue();
        assertThat(DataQualityJudge.outOfRange(income, Double.NaN)).as("NaN is missing").isFalse();
        assertThat(DataQualityJudge.outOfRange(BASELINE.columns().get(1), 99)).as("no range").isFalse();
    }

    @Test
    void theWorstColumnsRateIsJudgedAndNamed() {
        var tallies = new WindowTallies().add(DataQualityJudge.RECORDS, 0, 2000, 0)
                .add(DataQualityJudge.MISSING + "income", 0, 60, 0)
                .add(DataQualityJudge.MISSING + "segment", 0, 250, 0)
                .add(DataQualityJudge.OUT_OF_RANGE + "income", 0, 50, 0)
                .add(DataQualityJudge.UNSEEN + "segment", 0, 10, 0);

        var window = DataQualityJudge.window(BASELINE, QUALITY, START, tallies);

        var missing = measure(window, "missingRate");
        assertThat(missing.value()).isEqualTo(0.125);
        assertThat(missing.detail()).containsEntry("column", "segment");
        assertThat(missing.verdict()).isEqualTo(MonitoringVerdict.BREACH);
        assertThat(measure(window, "outOfRangeRate").value()).isEqualTo(0.025);
        assertThat(measure(window, "outOfRangeRate").verdict()).isEqualTo(MonitoringVerdict.WARN);
        assertThat(measure(window, "unseenCategoryRate").verdict()).isEqualTo(MonitoringVerdict.PASS);
        assertThat(measure(window, "records").verdict()).isEqualTo(MonitoringVerdict.PASS);
        assertThat(window.verdict()).isEqualTo(MonitoringVerdict.BREACH);
    }

    @Test
    void silenceIsAVolumeBreachAndTooFewRecordsLeaveTheRatesUndecided() {
        var empty = DataQualityJudge.window(BASELINE, QUALITY, START, new WindowTallies());
        assertThat(measure(empty, "records").verdict()).isEqualTo(MonitoringVerdict.BREACH);
        assertThat(measure(empty, "missingRate").verdict()).isEqualTo(MonitoringVerdict.INSUFFICIENT_DATA);
        assertThat(empty.verdict()).isEqualTo(MonitoringVerdict.BREACH);

        var thin = DataQualityJudge.window(BASELINE, QUALITY, START, new WindowTallies()
                .add(DataQualityJudge.RECORDS, 0, 99, 0));
        assertThat(measure(thin, "records").verdict()).isEqualTo(MonitoringVerdict.BREACH);
        assertThat(measure(thin, "missingRate").verdict()).isEqualTo(MonitoringVerdict.INSUFFICIENT_DATA);

        var met = DataQualityJudge.window(BASELINE, QUALITY, START, new WindowTallies()
                .add(DataQualityJudge.RECORDS, 0, 1000, 0));
        assertThat(measure(met, "records").verdict()).as("a minimum an equal value meets").isEqualTo(
                MonitoringVerdict.PASS);
        assertThat(met.verdict()).isEqualTo(MonitoringVerdict.PASS);
    }

    private static final Policy.Service SERVICE = new Policy.Service(Duration.ofHours(1), 100,
            new Policy.Levels(0.01, 0.05), new Policy.Levels(200, 500), new Policy.Levels(500, 1000), TWO_OF_THREE,
            List.of("alert", "rollback"));

    @Test
    void latencyPercentilesFromTheLogHistogramAreWithinTheirBinOfTheExactOnes() {
        var tallies = new WindowTallies().add(ServiceJudge.RECORDS, 0, 1000, 0).add(ServiceJudge.ERRORS, 0, 30, 0);
        for (int i = 0; i < 1000; i++) {
            tallies.add(ServiceJudge.LATENCY, ServiceJudge.latencyBin(i * 0.7 + 1.0), 1, i * 0.7 + 1.0);
        }

        var window = ServiceJudge.window(SERVICE, START, tallies);

        // exact nearest-rank percentiles (numpy, sorted, rank ceil(p n)): 665.3 and 693.3 ms
        assertThat(measure(window, "latencyP95Ms").value()).isCloseTo(665.3, within(665.3 * 0.022));
        assertThat(measure(window, "latencyP99Ms").value()).isCloseTo(693.3, within(693.3 * 0.022));
        assertThat(measure(window, "latencyP95Ms").verdict()).isEqualTo(MonitoringVerdict.BREACH);
        assertThat(measure(window, "latencyP99Ms").verdict()).isEqualTo(MonitoringVerdict.WARN);
        assertThat(measure(window, "errorRate").value()).isEqualTo(0.03);
        assertThat(measure(window, "errorRate").verdict()).isEqualTo(MonitoringVerdict.WARN);
    }

    @Test
    void latencyBinsDoubleEverySixteenBins() {
        assertThat(ServiceJudge.latencyBin(0.05)).isZero();
        assertThat(ServiceJudge.latencyBin(0.1)).isEqualTo(1);
        assertThat(ServiceJudge.latencyBin(0.2)).isEqualTo(17);
        assertThat(ServiceJudge.latencyOf(ServiceJudge.latencyBin(100))).isCloseTo(100, within(100 * 0.022));
        assertThat(ServiceJudge.latencyBin(1e12)).isEqualTo(ServiceJudge.LATENCY_BINS - 1);
        assertThat(ServiceJudge.percentile(new long[3], 0.95)).isNull();
    }

    @Test
    void aServiceWindowWithTooFewRecordsIsInsufficient() {
        var window = ServiceJudge.window(SERVICE, START, new WindowTallies().add(ServiceJudge.RECORDS, 0, 99, 0)
                .add(ServiceJudge.ERRORS, 0, 99, 0));
        assertThat(window.verdict()).isEqualTo(MonitoringVerdict.INSUFFICIENT_DATA);
    }

    private static final Policy.Performance PERFORMANCE = new Policy.Performance(Duration.ofHours(1),
            Duration.ofDays(7), 100, 0.5, 0.5, Map.of("auc", new Policy.Levels(0.8, 0.75), "recall",
                    new Policy.Levels(0.9, 0.85)),
            List.of(new Policy.FairnessGap("recall", "gender", new Policy.Levels(0.05, 0.1))), TWO_OF_THREE,
            List.of("alert", "rollback"));

    private static WindowTallies outcomes(int predictions, int outcomes) {
        var tallies = new WindowTallies().add(PerformanceJudge.PREDICTIONS, 0, predictions, 0)
                .add(PerformanceJudge.OUTCOMES, 0, outcomes, 0);
        for (int i = 0; i < outcomes; i++) {
            var positive = i % 2 == 0;
            var score = positive ? 0.4 + (i % 40) / 100.0 : 0.1 + (i % 50) / 100.0;
            var slice = "gender=" + (i % 4 < 2 ? "F" : "M");
            for (var s : List.of(PerformanceJudge.ALL, slice)) {
                tallies.add(PerformanceJudge.SCORE + (positive ? "1:" : "0:") + s, Kpis.scoreBin(score), 1, score);
                tallies.add(PerformanceJudge.CONFUSION + s, Kpis.confusionBin(positive, score >= 0.5), 1, 0);
            }
        }
        return tallies;
    }

    @Test
    void outcomesArePendingUntilTheyMatureAndTheCoverageIsMet() {
        var now = START.plus(Duration.ofDays(3));
        assertThat(PerformanceJudge.window(PERFORMANCE, START, outcomes(1000, 1000), now).verdict())
                .isEqualTo(MonitoringVerdict.PENDING_LABELS);
        var mature = START.plus(Duration.ofHours(1)).plus(Duration.ofDays(7));
        assertThat(PerformanceJudge.matured(PERFORMANCE, START, mature)).isTrue();
        assertThat(PerformanceJudge.matured(PERFORMANCE, START, mature.minusSeconds(1))).isFalse();
        assertThat(PerformanceJudge.window(PERFORMANCE, START, outcomes(1000, 400), mature).verdict())
                .as("coverage 0.4 < 0.5").isEqualTo(MonitoringVerdict.PENDING_LABELS);
        assertThat(PerformanceJudge.window(PERFORMANCE, START, outcomes(90, 90), mature).verdict())
                .as("fewer predictions than minSample").isEqualTo(MonitoringVerdict.INSUFFICIENT_DATA);
        assertThat(PerformanceJudge.window(PERFORMANCE, START, outcomes(1000, 600), mature).verdict())
                .isNotIn(MonitoringVerdict.PENDING_LABELS, MonitoringVerdict.INSUFFICIENT_DATA);
    }

    @Test
    void matureOutcomesAreJudgedWithTheirIntervals() {
        var mature = START.plus(Duration.ofDays(8));
        var window = PerformanceJudge.window(PERFORMANCE, START, outcomes(1000, 1000), mature);

        var auc = measure(window, "auc");
        assertThat(auc.value()).isGreaterThan(0.8);
        assertThat(auc.lower()).isLessThan(auc.value());
        assertThat(auc.verdict()).isEqualTo(MonitoringVerdict.PASS);
        assertThat(auc.direction()).isEqualTo(Measure.BELOW);
        var gap = measure(window, "fairness:recall:gender");
        assertThat(gap.value()).isNotNull();
        assertThat(gap.detail()).containsKeys("slices", "highest", "lowest");
        assertThat(measure(window, "coverage").value()).isEqualTo(1.0);
    }

    @Test
    void aKpiBreachesOnlyWhenItsWholeIntervalIsBeyondTheBreachLevel() {
        var levels = new Policy.Levels(0.8, 0.75);
        assertThat(PerformanceJudge.judge(new Kpis.Estimate(0.70, 0.65, 0.74, 500), levels, true))
                .isEqualTo(MonitoringVerdict.BREACH);
        assertThat(PerformanceJudge.judge(new Kpis.Estimate(0.72, 0.65, 0.79, 500), levels, true))
                .as("point below the breach level, interval reaching above it").isEqualTo(MonitoringVerdict.WARN);
        assertThat(PerformanceJudge.judge(new Kpis.Estimate(0.79, 0.76, 0.82, 500), levels, true))
                .isEqualTo(MonitoringVerdict.WARN);
        assertThat(PerformanceJudge.judge(new Kpis.Estimate(0.8, 0.78, 0.82, 500), levels, true))
                .isEqualTo(MonitoringVerdict.PASS);
        assertThat(PerformanceJudge.judge(new Kpis.Estimate(0.7, null, null, 500), levels, true))
                .as("no interval: the value").isEqualTo(MonitoringVerdict.BREACH);
        var errors = new Policy.Levels(10, 20);
        assertThat(PerformanceJudge.judge(new Kpis.Estimate(25.0, 21.0, 29.0, 500), errors, false))
                .isEqualTo(MonitoringVerdict.BREACH);
        assertThat(PerformanceJudge.judge(new Kpis.Estimate(25.0, 19.0, 29.0, 500), errors, false))
                .isEqualTo(MonitoringVerdict.WARN);
        assertThat(PerformanceJudge.judge(new Kpis.Estimate(5.0, 4.0, 6.0, 500), errors, false))
                .isEqualTo(MonitoringVerdict.PASS);
    }

    @Test
    void aVersionIsPendingWhileItsLatestWindowWaitsForLabels() {
        assertThat(SignalRules.version(List.of(MonitoringVerdict.PASS, MonitoringVerdict.PENDING_LABELS),
                TWO_OF_THREE, MonitoringVerdict.PENDING_LABELS)).isEqualTo(MonitoringVerdict.PENDING_LABELS);
        assertThat(SignalRules.version(List.of(), TWO_OF_THREE, MonitoringVerdict.PENDING_LABELS))
                .isEqualTo(MonitoringVerdict.PENDING_LABELS);
        assertThat(SignalRules.version(List.of(MonitoringVerdict.BREACH, MonitoringVerdict.BREACH,
                MonitoringVerdict.PENDING_LABELS), TWO_OF_THREE, MonitoringVerdict.PENDING_LABELS))
                .isEqualTo(MonitoringVerdict.BREACH);
        assertThat(SignalRules.version(List.of(MonitoringVerdict.WARN, MonitoringVerdict.PASS), TWO_OF_THREE,
                MonitoringVerdict.INSUFFICIENT_DATA)).isEqualTo(MonitoringVerdict.WARN);
    }

    @Test
    void severityOrdersBreachThenInsufficientThenPendingThenWarnThenPass() {
        assertThat(MonitoringVerdict.PENDING_LABELS.worse(MonitoringVerdict.WARN))
                .isEqualTo(MonitoringVerdict.PENDING_LABELS);
        assertThat(MonitoringVerdict.PENDING_LABELS.worse(MonitoringVerdict.INSUFFICIENT_DATA))
                .isEqualTo(MonitoringVerdict.INSUFFICIENT_DATA);
        assertThat(SignalRules.worst(List.of(MonitoringVerdict.PASS, MonitoringVerdict.PENDING_LABELS,
                MonitoringVerdict.BREACH))).isEqualTo(MonitoringVerdict.BREACH);
        assertThat(MonitoringVerdict.of(99, 1000, 100, false)).isEqualTo(MonitoringVerdict.BREACH);
        assertThat(MonitoringVerdict.of(100, 1000, 100, false)).isEqualTo(MonitoringVerdict.WARN);
    }
}
