package org.modelops.governance.lifecycle.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static final String C = "c".repeat(64);
    private static final String D = "d".repeat(64);
    private static final String E = "e".repeat(64);

    private static EvaluationReport report(long id, String dataset, double auc) {
        return new EvaluationReport(id, "s3://data/" + id, dataset, Map.of("auc", auc), Map.of(), "erin",
                Instant.parse("2026-12-01T00:00:00Z").plusSeconds(id));
    }

    @Test
    void theChampionsOwnDatasetIsComparedWhenTheChallengerWasMeasuredOnIt() {
        var champion = new MeasuredMetrics(C, Map.of("auc", 0.80), List.of());
        var challenger = new MeasuredMetrics(D, Map.of("auc", 0.95), List.of(report(1, C, 0.83)));
        var comparison = Comparison.between(challenger, champion).orElseThrow();
        assertThat(comparison.datasetSha256()).isEqualTo(C);
        assertThat(comparison.challenger()).containsEntry("auc", 0.83);
        assertThat(comparison.deltas()).containsEntry("auc", 0.03);
    }

    @Test
    void theNewestReportOnADatasetCounts() {
        var champion = new MeasuredMetrics(C, Map.of("auc", 0.80), List.of());
        var challenger = new MeasuredMetrics(C, Map.of("auc", 0.90), List.of(report(1, C, 0.85), report(2, C,
                0.81)));
        assertThat(Comparison.between(challenger, champion).orElseThrow().challenger()).containsEntry("auc", 0.81);
        assertThat(challenger.newestReports()).extracting(EvaluationReport::id).containsExactly(2L);
    }

    @Test
    void theChallengersDatasetIsUsedWhenOnlyTheChampionWasMeasuredOnIt() {
        var champion = new MeasuredMetrics(C, Map.of("auc", 0.80), List.of(report(1, D, 0.78)));
        var challenger = new MeasuredMetrics(D, Map.of("auc", 0.90), List.of());
        var comparison = Comparison.between(challenger, champion).orElseThrow();
        assertThat(comparison.datasetSha256()).isEqualTo(D);
        assertThat(comparison.deltas()).containsEntry("auc", 0.12);
    }

    @Test
    void anyOtherSharedDatasetIsTheLastResort() {
        var champion = new MeasuredMetrics(C, Map.of("auc", 0.80), List.of(report(1, E, 0.70)));
        var challenger = new MeasuredMetrics(D, Map.of("auc", 0.90), List.of(report(2, E, 0.75)));
        assertThat(Comparison.between(challenger, champion).orElseThrow().datasetSha256()).isEqualTo(E);
    }

    @Test
    void noSharedDatasetMeansNoComparison() {
        var champion = new MeasuredMetrics(C, Map.of("auc", 0.80), List.of());
        var challenger = new MeasuredMetrics(D, Map.of("auc", 0.90), List.of());
        assertThat(Comparison.between(challenger, champion)).isEmpty();
        assertThat(Comparison.between(new MeasuredMetrics(null, Map.of(), List.of()), champion)).isEmpty();
    }

    @Test
    void deltasAreRoundedForPeopleAndOnlyForMetricsBothSidesHave() {
        var comparison = Comparison.of(C, Map.of("auc", 0.95, "f1", 0.7), Map.of("auc", 0.8));
        assertThat(0.95 - 0.8).isNotEqualTo(0.15);
        assertThat(comparison.deltas()).containsExactlyEntriesOf(Map.of("auc", 0.15));
        assertThat(Comparison.round(0.00005)).isEqualTo(0.0001);
        assertThat(Comparison.round(-0.00004)).isEqualTo(0.0).hasToString("0.0");
        assertThat(Comparison.round(0.00015)).isEqualTo(0.0002);
        assertThat(Comparison.round(-0.12344)).isEqualTo(-0.1234);
    }

    @Test
    void aComparisonSurvivesStorage() {
        var comparison = Comparison.of(C, Map.of("auc", 0.95), Map.of("auc", 0.8));
        assertThat(Comparison.fromMap(comparison.toMap())).isEqualTo(comparison);
    }
}
