package org.modelops.governance.policy.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValidationRulesTest {

    private static final ConditionEvaluator NO_CONDITIONS = (expression, evidence) -> {
        throw new AssertionError("no condition expected");
    };

    private static Policy policy(List<String> requiredMetadata, Map<String, Policy.KpiBounds> kpis,
            List<Policy.FairnessLimit> fairness, List<Policy.CustomCondition> conditions) {
        return new Policy("test", null, null, requiredMetadata, kpis, fairness, conditions, null, null, null, null);
    }

    private static Policy fairness(Policy.FairnessLimit... limits) {
        return policy(null, null, List.of(limits), null);
    }

    private static Policy.FairnessLimit gap(double maxGap) {
        return new Policy.FairnessLimit("recall", maxGap, null, null);
    }

    private static Policy.FairnessLimit ratio(double minRatio) {
        return new Policy.FairnessLimit("recall", null, minRatio, null);
    }

    private static Evidence metadata(String... present) {
        return new Evidence(Set.of(present), Map.of(), Map.of(), Map.of(), Map.of(), null);
    }

    private static Evidence metrics(Map<String, Double> metrics) {
        return new Evidence(Set.of(), metrics, Map.of(), Map.of(), Map.of(), null);
    }

    private static Evidence slices(Map<String, Map<String, Double>> slices) {
        return new Evidence(Set.of(), Map.of(), slices, Map.of("max_depth", 6), Map.of("team", "risk"), null);
    }

    private static Evidence recall(double female, double male) {
        return slices(Map.of("gender=F", Map.of("recall", female), "gender=M", Map.of("recall", male)));
    }

    private static RuleResult only(Policy policy, Evidence evidence) {
        var verdict = ValidationRules.evaluate(policy, evidence, NO_CONDITIONS);
        assertThat(verdict.rules()).hasSize(1);
        return verdict.rules().getFirst();
    }

    @Test
    void submittedMetadataPassesAndMissingMetadataFailsNamingTheField() {
        var verdict = ValidationRules.evaluate(policy(List.of("description", "code"), null, null, null),
                metadata("description"), NO_CONDITIONS);

        assertThat(verdict.outcome()).isEqualTo(PolicyVerdict.FAILED);
        assertThat(verdict.rules()).extracting(RuleResult::rule, RuleResult::passed, RuleResult::actual)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("required-metadata:description", true, "present"),
                        org.assertj.core.groups.Tuple.tuple("required-metadata:code", false, "missing"));
        assertThat(verdict.failures().getFirst().message())
                .isEqualTo("code is required for this policy but was not submitted");
    }

    @Test
    void aKpiAboveItsMinimumPasses() {
        var rule = only(policy(null, Map.of("auc", new Policy.KpiBounds(0.8, null)), null, null),
                metrics(Map.of("auc", 0.91)));

        assertThat(rule.passed()).isTrue();
        assertThat(rule.actual()).isEqualTo("0.91");
        assertThat(rule.threshold()).isEqualTo(">= 0.8");
        assertThat(rule.message()).isEqualTo("auc is 0.91, within >= 0.8");
    }

    @Test
    void aKpiBelowItsMinimumFailsWithValueAndThreshold() {
        var rule = only(policy(null, Map.of("auc", new Policy.KpiBounds(0.6, null)), null, null),
                metrics(Map.of("auc", 0.55)));

        assertThat(rule.passed()).isFalse();
        assertThat(rule.message()).isEqualTo("auc is 0.55, below the minimum 0.6");
    }

    @Test
    void aKpiAboveItsMaximumFails() {
        var rule = only(policy(null, Map.of("latency", new Policy.KpiBounds(null, 120.0)), null, null),
                metrics(Map.of("latency", 130.5)));

        assertThat(rule.passed()).isFalse();
        assertThat(rule.threshold()).isEqualTo("<= 120.0");
        assertThat(rule.message()).isEqualTo("latency is 130.5, above the maximum 120.0");
    }

    @Test
    void aKpiBetweenBothBoundsPasses() {
        var rule = only(policy(null, Map.of("brier", new Policy.KpiBounds(0.0, 0.25)), null, null),
                metrics(Map.of("brier", 0.1)));

        assertThat(rule.passed()).isTrue();
        assertThat(rule.threshold()).isEqualTo(">= 0.0 and <= 0.25");
    }

    @Test
    void aMissingKpiFails() {
        var rule = only(policy(null, Map.of("auc", new Policy.KpiBounds(0.8, null)), null, null),
                metrics(Map.of("f1", 0.9)));

        assertThat(rule.passed()).isFalse();
        assertThat(rule.actual()).isNull();
        assertThat(rule.message()).isEqualTo("auc was not reported");
    }

    @Test
    void aKpiIsComparedAsItIsShown() {
        var rule = only(policy(null, Map.of("auc", new Policy.KpiBounds(0.8, null)), null, null),
                metrics(Map.of("auc", 0.799996)));

        assertThat(rule.actual()).isEqualTo("0.8");
        assertThat(rule.passed()).as(rule.message()).isTrue();
    }

    @Test
    void aPerfectlyFairModelPasses() {
        var rule = only(fairness(gap(0.05)), recall(0.82, 0.82));

        assertThat(rule.passed()).as(rule.message()).isTrue();
        assertThat(rule.rule()).isEqualTo("fairness:recall");
        assertThat(rule.actual()).isEqualTo("0.0");
        assertThat(rule.message())
                .isEqualTo("recall gap 0.0 (recall is 0.82 in every slice: gender=F, gender=M) is within 0.05");
    }

    @Test
    void aPerfectlyFairModelMeetsAnyRatio() {
        var rule = only(fairness(ratio(1.0)), recall(0.82, 0.82));

        assertThat(rule.passed()).as(rule.message()).isTrue();
        assertThat(rule.actual()).isEqualTo("1.0");
        assertThat(rule.message())
                .isEqualTo(
                        "recall ratio 1.0 (recall is 0.82 in every slice: gender=F, gender=M) meets the minimum 1.0");
    }

    @Test
    void aGapWithinTheLimitPassesNamingTheSlices() {
        var rule = only(fairness(gap(0.05)), recall(0.81, 0.83));

        assertThat(rule.passed()).isTrue();
        assertThat(rule.actual()).isEqualTo("0.02");
        assertThat(rule.threshold()).isEqualTo("gap <= 0.05");
        assertThat(rule.message())
                .isEqualTo("recall gap 0.02 between gender=M (0.83) and gender=F (0.81) is within 0.05");
    }

    @Test
    void aGapBeyondTheLimitFailsWithARoundedGap() {
        var rule = only(fairness(gap(0.1)), recall(0.67, 0.82));

        assertThat(rule.passed()).isFalse();
        assertThat(rule.actual()).isEqualTo("0.15");
        assertThat(rule.message())
                .isEqualTo("recall gap 0.15 between gender=M (0.82) and gender=F (0.67) exceeds 0.1");
    }

    @Test
    void aGapShownAsTheLimitIsWithinIt() {
        var rule = only(fairness(gap(0.05)), recall(0.78, 0.83004));

        assertThat(rule.actual()).isEqualTo("0.05");
        assertThat(rule.passed()).as(rule.message()).isTrue();
    }

    @Test
    void aGapIsTakenAcrossEverySliceThatReportsTheMetric() {
        var rule = only(fairness(gap(0.05)), slices(Map.of("gender=F", Map.of("recall", 0.8), "gender=M",
                Map.of("recall", 0.82), "age<30", Map.of("recall", 0.7), "age>=30", Map.of("precision", 0.1))));

        assertThat(rule.passed()).isFalse();
        assertThat(rule.actual()).isEqualTo("0.12");
        assertThat(rule.message()).contains("between gender=M (0.82) and age<30 (0.7)");
    }

    @Test
    void aRatioAtTheFourFifthsLimitPasses() {
        var rule = only(fairness(ratio(0.8)), recall(0.64, 0.8));

        assertThat(rule.rule()).isEqualTo("fairness-ratio:recall");
        assertThat(rule.passed()).as(rule.message()).isTrue();
        assertThat(rule.actual()).isEqualTo("0.8");
        assertThat(rule.threshold()).isEqualTo("ratio >= 0.8");
        assertThat(rule.message())
                .isEqualTo("recall ratio 0.8 of gender=F (0.64) to gender=M (0.8) meets the minimum 0.8");
    }

    @Test
    void aRatioBelowTheMinimumFails() {
        var rule = only(fairness(ratio(0.8)), recall(0.6, 0.9));

        assertThat(rule.passed()).isFalse();
        assertThat(rule.actual()).isEqualTo("0.6667");
        assertThat(rule.message()).endsWith("is below the minimum 0.8");
    }

    @Test
    void aMetricThatIsZeroInEverySliceHasRatioOne() {
        var rule = only(fairness(ratio(0.8)), recall(0.0, 0.0));

        assertThat(rule.passed()).isTrue();
        assertThat(rule.actual()).isEqualTo("1.0");
        assertThat(rule.message()).contains("0 in every slice");
    }

    @Test
    void aRatioOfNegativeValuesFails() {
        var rule = only(fairness(new Policy.FairnessLimit("lift", null, 0.8, null)),
                slices(Map.of("a", Map.of("lift", -0.1), "b", Map.of("lift", 0.2))));

        assertThat(rule.passed()).isFalse();
        assertThat(rule.message()).isEqualTo("a ratio of lift needs values of at least 0, but a has -0.1");
    }

    @Test
    void gapAndRatioOnOneRuleAreEachReported() {
        var verdict = ValidationRules.evaluate(fairness(new Policy.FairnessLimit("recall", 0.05, 0.8, null)),
                recall(0.7, 0.8), NO_CONDITIONS);

        assertThat(verdict.rules()).extracting(RuleResult::rule, RuleResult::passed, RuleResult::actual)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("fairness:recall", false, "0.1"),
                        org.assertj.core.groups.Tuple.tuple("fairness-ratio:recall", true, "0.875"));
    }

    @Test
    void aMissingRequiredSliceFailsNamingIt() {
        var verdict = ValidationRules.evaluate(
                fairness(new Policy.FairnessLimit("recall", 0.05, null, List.of("gender=F", "gender=M", "gender=X"))),
                slices(Map.of("gender=F", Map.of("recall", 0.8), "gender=M", Map.of("recall", 0.81), "gender=X",
                        Map.of("precision", 0.7))),
                NO_CONDITIONS);

        var slices = verdict.rules().getFirst();
        assertThat(slices.rule()).isEqualTo("fairness-slices:recall");
        assertThat(slices.passed()).isFalse();
        assertThat(slices.actual()).isEqualTo("missing gender=X");
        assertThat(slices.threshold()).isEqualTo("reported for gender=F, gender=M, gender=X");
        assertThat(slices.message()).isEqualTo("recall is not reported for the required slice gender=X");
        assertThat(verdict.outcome()).isEqualTo(PolicyVerdict.FAILED);
    }

    @Test
    void requiredSlicesThatAreAllReportedPass() {
        var verdict = ValidationRules.evaluate(
                fairness(new Policy.FairnessLimit("recall", 0.05, null, List.of("gender=F", "gender=M"))),
                recall(0.8, 0.81), NO_CONDITIONS);

        assertThat(verdict.rules()).extracting(RuleResult::rule, RuleResult::passed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("fairness-slices:recall", true),
                        org.assertj.core.groups.Tuple.tuple("fairness:recall", true));
    }

    @Test
    void aSingleSliceCannotShowFairness() {
        var rule = only(fairness(gap(0.05)), slices(Map.of("gender=F", Map.of("recall", 0.8), "gender=M",
                Map.of("precision", 0.7))));

        assertThat(rule.passed()).isFalse();
        assertThat(rule.actual()).isNull();
        assertThat(rule.message())
                .isEqualTo("recall is reported only for gender=F; fairness needs at least two slices");
    }

    @Test
    void aMetricNoSliceReportsFails() {
        var rule = only(fairness(ratio(0.8)), slices(Map.of()));

        assertThat(rule.passed()).isFalse();
        assertThat(rule.message())
                .isEqualTo("recall is not reported for any slice; fairness needs it for at least two");
    }

    @Test
    void aConditionThatHoldsPassesAndSeesTheEvidence() {
        var condition = new Policy.CustomCondition("shallow", "params.max_depth <= 12", null);
        var verdict = ValidationRules.evaluate(policy(null, null, null, List.of(condition)), recall(0.8, 0.8),
                (expression, evidence) -> {
                    assertThat(expression).isEqualTo("params.max_depth <= 12");
                    assertThat(evidence).containsKeys("metrics", "sliceMetrics", "params", "tags");
                    return ((Integer) ((Map<?, ?>) evidence.get("params")).get("max_depth")) <= 12;
                });

        var rule = verdict.rules().getFirst();
        assertThat(rule.rule()).isEqualTo("condition:shallow");
        assertThat(rule.passed()).isTrue();
        assertThat(rule.actual()).isEqualTo("true");
        assertThat(rule.message()).isEqualTo("shallow holds");
    }

    @Test
    void aConditionThatDoesNotHoldFailsWithThePolicysMessage() {
        var condition = new Policy.CustomCondition("shallow", "false",
                "Trees deeper than 12 levels are hard to explain.");
        var rule = ValidationRules.evaluate(policy(null, null, null, List.of(condition)), metadata(),
                (expression, evidence) -> false).rules().getFirst();

        assertThat(rule.passed()).isFalse();
        assertThat(rule.actual()).isEqualTo("false");
        assertThat(rule.message()).isEqualTo("Trees deeper than 12 levels are hard to explain.");
    }

    @Test
    void aConditionWithoutAMessageFailsNamingIt() {
        var condition = new Policy.CustomCondition("shallow", "false", null);
        var rule = ValidationRules.evaluate(policy(null, null, null, List.of(condition)), metadata(),
                (expression, evidence) -> false).rules().getFirst();

        assertThat(rule.message()).isEqualTo("shallow does not hold");
    }

    @Test
    void aConditionThatCannotBeEvaluatedFailsWithTheReason() {
        var condition = new Policy.CustomCondition("shallow", "params.max_depth <= 12", null);
        var rule = ValidationRules.evaluate(policy(null, null, null, List.of(condition)), metadata(),
                (expression, evidence) -> {
                    throw new IllegalArgumentException("no such key: max_depth");
                }).rules().getFirst();

        assertThat(rule.passed()).isFalse();
        assertThat(rule.actual()).isEqualTo("error");
        assertThat(rule.message()).isEqualTo("shallow could not be evaluated: no such key: max_depth");
    }

    @Test
    void aPolicyWithoutRulesPasses() {
        assertThat(ValidationRules.evaluate(policy(null, null, null, null), metadata(), NO_CONDITIONS).outcome())
                .isEqualTo(PolicyVerdict.PASSED);
    }

    @Test
    void numbersAreShownRoundedToFourPlaces() {
        assertThat(ValidationRules.format(0.82 - 0.67)).isEqualTo("0.15");
        assertThat(ValidationRules.format(2.0 / 3.0)).isEqualTo("0.6667");
        assertThat(ValidationRules.format(0.00005)).isEqualTo("0.0001");
        assertThat(ValidationRules.format(-0.00001)).isEqualTo("0.0");
        assertThat(ValidationRules.format(120)).isEqualTo("120.0");
        assertThat(ValidationRules.format(1e-7)).isEqualTo("0.0");
    }
}
