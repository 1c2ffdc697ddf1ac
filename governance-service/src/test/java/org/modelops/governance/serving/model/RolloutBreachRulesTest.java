package org.modelops.governance.serving.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelops.governance.serving.model.BreachRules.Plan;
import org.modelops.governance.serving.model.BreachRules.Route;

/** Which breach of a canary stops its rollout, which does not: each branch of {@link BreachRules#planDuringRollout}. */
class RolloutBreachRulesTest {

    @Test
    void aPerformanceOrServiceBreachWithRollbackStopsTheRolloutWhileAChampionServesBeside() {
        for (var signal : List.of("performance", "service")) {
            assertThat(BreachRules.planDuringRollout(signal, List.of("alert", "rollback"), true))
                    .isEqualTo(new Plan(true, false, Route.ROLLBACK, null));
            assertThat(BreachRules.planDuringRollout(signal, List.of("rollback", "retrain", "review"), true))
                    .as("stopping the rollout makes a review unnecessary; retraining is asked for all the same")
                    .isEqualTo(new Plan(false, true, Route.ROLLBACK, null));
        }
    }

    @Test
    void driftOrDataQualityNeverStopsARolloutEvenWhenAPolicySaysRollback() {
        for (var signal : List.of("drift", "data-quality")) {
            var plan = BreachRules.planDuringRollout(signal, List.of("alert", "rollback"), true);
            assertThat(plan.route()).isEqualTo(Route.REVIEW);
            assertThat(plan.alert()).isTrue();
            assertThat(plan.rollbackRefused()).isEqualTo("a " + signal + " breach never stops a rollout"
                    + " automatically: it does not prove the canary wrong (only performance and service breaches do)");
        }
    }

    @Test
    void aFirstVersionsCanaryIsNotStoppedAutomaticallyBecauseNothingWouldServe() {
        assertThat(BreachRules.planDuringRollout("performance", List.of("rollback"), false)).isEqualTo(new Plan(
                false, false, Route.REVIEW, "the canary is the model's first version and serves all traffic:"
                        + " stopping its rollout would leave nothing serving"));
        assertThat(BreachRules.whyNoRolloutStop("service", true)).isEmpty();
        assertThat(BreachRules.whyNoRolloutStop("drift", false)).get().asString().startsWith("a drift breach");
    }

    @Test
    void withoutRollbackTheRolloutGoesOnWithAnAlertARetrainingRequestOrAReview() {
        assertThat(BreachRules.planDuringRollout("performance", List.of("alert"), true))
                .isEqualTo(new Plan(true, false, Route.NONE, null));
        assertThat(BreachRules.planDuringRollout("service", List.of("retrain"), true))
                .isEqualTo(new Plan(false, true, Route.NONE, null));
        assertThat(BreachRules.planDuringRollout("drift", List.of("alert", "review"), true))
                .isEqualTo(new Plan(true, false, Route.REVIEW, null));
        assertThat(BreachRules.planDuringRollout("performance", List.of("review"), false))
                .isEqualTo(new Plan(false, false, Route.REVIEW, null));
        assertThat(BreachRules.planDuringRollout("data-quality", List.of(), true))
                .isEqualTo(new Plan(false, false, Route.NONE, null));
    }
}
