package org.modelops.governance.monitoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselineProfilerTest {

    private static Map<String, Object> row(Object income, Object segment, Object prediction) {
        var row = new HashMap<String, Object>();
        row.put("income", income);
        row.put("segment", segment);
        row.put("prediction", prediction);
        return row;
    }

    @Test
    void numericBinsAreTheSampleDecilesWithOpenEnds() {
        var profiler = new BaselineProfiler(false);
        for (int i = 1; i <= 100; i++) {
            profiler.add(row(i, "gold", 0.5));
        }
        var income = profiler.profile().column("income").orElseThrow();

        // type-7 deciles of 1..100, as Python's statistics.quantiles(range(1, 101), n=10, method='inclusive')
        assertThat(((Bins.Numeric) income.bins()).edges())
                .usingElementComparator((a, b) -> Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b))
                .containsExactly(10.9, 20.8, 30.7, 40.6, 50.5, 60.4, 70.3, 80.2, 90.1);
        assertThat(income.counts()).containsExactly(10L, 10L, 10L, 10L, 10L, 10L, 10L, 10L, 10L, 10L, 0L);
        assertThat(income.bins().labels().getFirst()).isEqualTo("(-inf, 10.9)");
        assertThat(income.bins().labels()).endsWith("missing");
        assertThat(income.statistic()).isEqualTo(DriftStatistics.PSI);
    }

    @Test
    void equalDecilesAreMergedAndAValueOnAnEdgeFallsAbove() {
        var profiler = new BaselineProfiler(false);
        for (int i = 0; i < 100; i++) {
            profiler.add(row(i < 50 ? 0 : 1, "gold", 0.5));
        }
        var income = profiler.profile().column("income").orElseThrow();

        assertThat(((Bins.Numeric) income.bins()).edges()).containsExactly(0.0, 0.5, 1.0);
        assertThat(income.counts()).containsExactly(0L, 50L, 0L, 50L, 0L);
    }

    @Test
    void missingValuesHaveTheirOwnBin() {
        var profiler = new BaselineProfiler(false);
        for (int i = 0; i < 100; i++) {
            profiler.add(row(i % 4 == 0 ? null : i, i % 5 == 0 ? null : "gold", 0.5));
        }
        var profile = profiler.profile();

        assertThat(profile.column("income").orElseThrow().counts().getLast()).isEqualTo(25L);
        assertThat(profile.column("segment").orElseThrow().counts()).containsExactly(80L, 0L, 20L);
    }

    @Test
    void categoricalBinsAreTheBaselineCategoriesThenUnseenThenMissing() {
        var profiler = new BaselineProfiler(false);
        for (int i = 0; i < 100; i++) {
            profiler.add(row(i, i < 70 ? "silver" : "gold", i % 2 == 0));
        }
        var profile = profiler.profile();
        var segment = profile.column("segment").orElseThrow();

        assertThat(segment.bins().labels()).containsExactly("gold", "silver", "unseen", "missing");
        assertThat(segment.counts()).containsExactly(30L, 70L, 0L, 0L);
        assertThat(segment.bins().binOf("platinum")).isEqualTo(2);
        assertThat(segment.statistic()).isEqualTo(DriftStatistics.JENSEN_SHANNON);
        assertThat(profile.column("prediction").orElseThrow().bins().labels())
                .containsExactly("false", "true", "unseen", "missing");
    }

    @Test
    void csvTextThatReadsAsANumberIsANumber() {
        var profiler = new BaselineProfiler(true);
        for (int i = 0; i < 100; i++) {
            profiler.add(row(String.valueOf(i), "3", i == 0 ? "" : "0.5"));
        }
        var profile = profiler.profile();

        assertThat(profile.column("income").orElseThrow().bins()).isInstanceOf(Bins.Numeric.class);
        assertThat(profile.column("prediction").orElseThrow().counts().getLast()).isEqualTo(1L);
    }

    @Test
    void aNumericColumnRefusesTextAndCountsNoNumberAsMissing() {
        var bins = new Bins.Numeric(List.of(1.0, 2.0));

        assertThat(bins.binOf(Double.NaN)).isEqualTo(bins.missingBin());
        assertThat(bins.binOf(1.0)).isEqualTo(1);
        assertThatThrownBy(() -> bins.binOf("1.5")).hasMessageContaining("expected a number");
    }

    @Test
    void aSampleTooSmallToHaveDecilesIsRefused() {
        var profiler = new BaselineProfiler(false);
        for (int i = 0; i < 99; i++) {
            profiler.add(row(i, "gold", 0.5));
        }
        assertThatThrownBy(profiler::profile).hasMessageContaining("at least 100 rows").hasMessageContaining("99");
    }

    @Test
    void aSampleWithoutPredictionsIsRefused() {
        var profiler = new BaselineProfiler(false);
        for (int i = 0; i < 100; i++) {
            profiler.add(Map.of("income", i));
        }
        assertThatThrownBy(profiler::profile).hasMessageContaining("'prediction'");
    }

    @Test
    void aRowWithAColumnTheFirstLackedIsRefusedNamingIt() {
        var profiler = new BaselineProfiler(false);
        profiler.add(Map.of("income", 1));

        assertThatThrownBy(() -> profiler.add(Map.of("income", 1, "age", 40)))
                .isInstanceOfSatisfying(BaselineProfiler.UnknownColumn.class,
                        refused -> assertThat(refused.column()).isEqualTo("age"));
    }
}
