package org.modelops.governance.policy.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChampionChallengerRulesTest {

    private static final Policy.ChampionChallenger CRITERIA = new Policy.ChampionChallenger("auc", 0.005,
            Map.of("f1", new Policy.ChampionChallenger.Guard(0.01)));

    private static RuleResult uplift(Map<String, Double> challenger, Map<String, Double> champion) {
        return ChampionChallengerRules.compare(CRITERIA, challenger, champion).rules().getFirst();
    }

    private static RuleResult guard(Map<String, Double> challenger, Map<String, Double> champion) {
        return ChampionChallengerRules.compare(CRITERIA, challenger, champion).rules().get(1);
    }

    @Test
    void aChallengerThatBeatsTheChampionByTheMarginPasses() {
        var verdict = ChampionChallengerRules.compare(CRITERIA, Map.of("auc", 0.94, "f1", 0.8),
                Map.of("auc", 0.91, "f1", 0.8));

        assertThat(verdict.outcome()).isEqualTo(PolicyVerdict.PASSED);
        var uplift = verdict.rules().getFirst();
        assertThat(uplift.rule()).isEqualTo("uplift:auc");
        assertThat(uplift.actual()).isEqualTo("+0.03");
        assertThat(uplift.threshold()).isEqualTo("delta >= 0.005");
        assertThat(uplift.message())
                .isEqualTo("auc 0.94 vs champion 0.91 (delta +0.03) meets the minimum uplift 0.005");
    }

    @Test
    void anUpliftExactlyAtTheMarginPasses() {
        var rule = uplift(Map.of("auc", 0.815, "f1", 0.8), Map.of("auc", 0.81, "f1", 0.8));

        assertThat(rule.actual()).isEqualTo("+0.005");
        assertThat(rule.passed()).as(rule.message()).isTrue();
    }

    @Test
    void anUpliftShortOfTheMarginFails() {
        var rule = uplift(Map.of("auc", 0.912, "f1", 0.8), Map.of("auc", 0.91, "f1", 0.8));

        assertThat(rule.passed()).isFalse();
        assertThat(rule.actual()).isEqualTo("+0.002");
        assertThat(rule.message()).isEqualTo("auc 0.912 vs champion 0.91 (delta +0.002) is short of the minimum uplift"
                + " 0.005");
    }

    @Test
    void aWorseChallengerFailsWithANegativeDelta() {
        var rule = uplift(Map.of("auc", 0.88, "f1", 0.8), Map.of("auc", 0.91, "f1", 0.8));

        assertThat(rule.passed()).isFalse();
        assertThat(rule.actual()).isEqualTo("-0.03");
    }

    @Test
    void aPrimaryMetricMissingForTheChallengerFails() {
        var rule = uplift(Map.of("f1", 0.8), Map.of("auc", 0.91, "f1", 0.8));

        assertThat(rule.passed()).isFalse();
        assertThat(rule.actual()).isNull();
        assertThat(rule.message()).isEqualTo("auc is missing for the challenger");
    }

    @Test
    void aPrimaryMetricMissingForTheChampionFails() {
        var rule = uplift(Map.of("auc", 0.95, "f1", 0.8), Map.of("f1", 0.8));

        assertThat(rule.passed()).isFalse();
        assertThat(rule.message()).isEqualTo("auc is missing for the champion");
    }

    @Test
    void aPrimaryMetricMissingOnBothSidesSaysSo() {
        assertThat(uplift(Map.of(), Map.of()).message()).isEqualTo("auc is missing for both the challenger and the"
                + " champion");
    }

    @Test
    void aGuardWithinItsTolerancePasses() {
        var rule = guard(Map.of("auc", 0.95, "f1", 0.79), Map.of("auc", 0.91, "f1", 0.8));

        assertThat(rule.rule()).isEqualTo("guard:f1");
        assertThat(rule.passed()).as(rule.message()).isTrue();
        assertThat(rule.actual()).isEqualTo("-0.01");
        assertThat(rule.threshold()).isEqualTo("delta >= -0.01");
        assertThat(rule.message()).isEqualTo("f1 0.79 vs champion 0.8 (delta -0.01) stays within the tolerance 0.01");
    }

    @Test
    void aGuardThatRegressesBeyondItsToleranceFails() {
        var verdict = ChampionChallengerRules.compare(CRITERIA, Map.of("auc", 0.95, "f1", 0.75),
                Map.of("auc", 0.91, "f1", 0.8));

        assertThat(verdict.outcome()).isEqualTo(PolicyVerdict.FAILED);
        var rule = verdict.rules().get(1);
        assertThat(rule.passed()).isFalse();
        assertThat(rule.actual()).isEqualTo("-0.05");
        assertThat(rule.message())
                .isEqualTo("f1 0.75 vs champion 0.8 (delta -0.05) regresses beyond the tolerance 0.01");
    }

    @Test
    void aGuardMetricMissingOnEitherSideFails() {
        assertThat(guard(Map.of("auc", 0.95), Map.of("auc", 0.91, "f1", 0.8)).message())
                .isEqualTo("f1 is missing for the challenger");
        assertThat(guard(Map.of("auc", 0.95, "f1", 0.8), Map.of("auc", 0.91)).message())
                .isEqualTo("f1 is missing for the champion");
        assertThat(guard(Map.of("auc", 0.95), Map.of("auc", 0.91)).passed()).isFalse();
    }

    @Test
    void aDeltaThatRoundsToZeroReadsPlusZero() {
        var rule = ChampionChallengerRules.compare(new Policy.ChampionChallenger("auc", 0.0, Map.of()),
                Map.of("auc", 0.80999), Map.of("auc", 0.81)).rules().getFirst();

        assertThat(rule.actual()).isEqualTo("+0.0");
        assertThat(rule.passed()).as(rule.message()).isTrue();
    }

    @Test
    void deltasAreTheDifferenceOfTheRoundedValuesShown() {
        var rule = uplift(Map.of("auc", 0.91234, "f1", 0.8), Map.of("auc", 0.90111, "f1", 0.8));

        assertThat(rule.actual()).isEqualTo("+0.0112");
        assertThat(rule.message()).startsWith("auc 0.9123 vs champion 0.9011 (delta +0.0112)");
    }
}
