package org.modelops.governance.serving.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.modelops.governance.policy.model.Policy;
import org.modelops.governance.serving.model.BreachRules.PreviousChampion;
import org.modelops.governance.serving.model.BreachRules.Route;

class BreachRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);
    private static final Optional<PreviousChampion> HEALTHY = Optional.of(new PreviousChampion(1, true, "SUPERSEDED",
            Map.of("drift", "PASS", "performance", "WARN")));

    @Test
    void alertAndReviewAreTakenAsTheyAreListed() {
        assertThat(BreachRules.plan("drift", List.of("alert"), HEALTHY, null, NOW, DAY))
                .isEqualTo(new BreachRules.Plan(true, false, Route.NONE, null));
        assertThat(BreachRules.plan("drift", List.of("alert", "review"), HEALTHY, null, NOW, DAY))
                .isEqualTo(new BreachRules.Plan(true, false, Route.REVIEW, null));
        assertThat(BreachRules.plan("data-quality", List.of("review", "retrain"), HEALTHY, null, NOW, DAY))
                .isEqualTo(new BreachRules.Plan(false, true, Route.REVIEW, null));
        assertThat(BreachRules.plan("service", List.of(), HEALTHY, null, NOW, DAY))
                .isEqualTo(new BreachRules.Plan(false, false, Route.NONE, null));
    }

    @Test
    void aPerformanceOrServiceBreachRollsBackToAHealthyPreviousChampionAndNeedsNoReview() {
        for (var signal : List.of("performance", "service")) {
            assertThat(BreachRules.plan(signal, List.of("alert", "review", "rollback"), HEALTHY, null, NOW, DAY))
                    .isEqualTo(new BreachRules.Plan(true, false, Route.ROLLBACK, null));
        }
    }

    @Test
    void driftOrDataQualityNeverRollsBackEvenWhenAPolicySaysSo() {
        for (var signal : List.of("drift", "data-quality")) {
            var plan = BreachRules.plan(signal, List.of("rollback"), HEALTHY, null, NOW, DAY);
            assertThat(plan.route()).isEqualTo(Route.REVIEW);
            assertThat(plan.rollbackRefused()).startsWith("a " + signal + " breach never rolls a version back");
        }
    }

    @Test
    void withoutAPreviousChampionThatCanServeTheRollbackIsRefusedForAReview() {
        assertThat(BreachRules.whyNoRollback("performance", Optional.empty(), null, NOW, DAY)).hasValue(
                "the version is the model's first champion: there is no previous champion to serve again");
        var retired = Optional.of(new PreviousChampion(1, false, "RETIRED", Map.of()));
        assertThat(BreachRules.plan("service", List.of("rollback"), retired, null, NOW, DAY)).isEqualTo(
                new BreachRules.Plan(false, false, Route.REVIEW,
                        "the previous champion, version 1, is RETIRED and cannot serve again"));
    }

    @Test
    void aPreviousChampionIsHealthyOnlyWhenNoSignalsLastJudgedVerdictIsBreach() {
        var unhealthy = Optional.of(new PreviousChampion(3, true, "SUPERSEDED",
                Map.of("service", "BREACH", "drift", "BREACH", "performance", "PASS")));
        assertThat(unhealthy.get().breachedSignals()).containsExactly("drift", "service");
        assertThat(BreachRules.whyNoRollback("performance", unhealthy, null, NOW, DAY)).hasValue(
                "the previous champion, version 3, is not healthy: its last judged drift, service verdicts are"
                        + " BREACH");
        var neverJudged = Optional.of(new PreviousChampion(3, true, "SUPERSEDED", Map.of()));
        assertThat(BreachRules.whyNoRollback("performance", neverJudged, null, NOW, DAY)).isEmpty();
    }

    @Test
    void withinTheCooldownOfTheLastAutomaticRollbackPeopleDecide() {
        var last = NOW.minus(Duration.ofHours(23));
        assertThat(BreachRules.whyNoRollback("performance", HEALTHY, last, NOW, DAY)).hasValue(
                "the model was rolled back automatically at 2026-11-30T11:00:00Z; within its cooldown of PT24H"
                        + " (until 2026-12-01T11:00:00Z) people decide");
        assertThat(BreachRules.whyNoRollback("performance", HEALTHY, NOW.minus(DAY), NOW, DAY))
                .as("the cooldown is over at its end").isEmpty();
        assertThat(BreachRules.plan("service", List.of("alert", "rollback"), HEALTHY, last, NOW, DAY).route())
                .isEqualTo(Route.REVIEW);
    }

    @Test
    void theActionsOfASignalAreThoseOfItsOwnSectionOfThePolicy() {
        var drift = new Policy.Drift(Duration.ofDays(1), 100, new Policy.Levels(0.1, 0.25),
                new Policy.Levels(0.1, 0.2), new Policy.Consecutive(2, 3), List.of("alert", "review"));
        var monitoring = new Policy.Monitoring(drift, null, null, null);
        assertThat(BreachRules.onBreach(monitoring, "drift")).containsExactly("alert", "review");
        assertThat(BreachRules.onBreach(monitoring, "performance")).as("a signal not watched").isEmpty();
        assertThat(BreachRules.onBreach(null, "drift")).isEmpty();
        assertThat(monitoring.rollback().cooldown()).isEqualTo(Duration.ofHours(24));
        assertThat(monitoring.recertifyDueWithin()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void separationOfDutiesKeepsTheSubmitterAndTheOwnerTeamFromJudgingTheirVersion() {
        assertThat(ReviewRules.conflict("erin", List.of(), "credit", 2, "erin", "risk-analytics"))
                .contains("the submitter does not judge");
        assertThat(ReviewRules.conflict("olga", List.of("risk-analytics"), "credit", 2, "erin", "risk-analytics"))
                .contains("its members do not judge");
        assertThat(ReviewRules.conflict("dana", List.of("fraud"), "credit", 2, "erin", "risk-analytics")).isNull();
        assertThat(ReviewRules.outcomes("monitoring-review")).containsExactly("KEEP_SERVING", "ROLL_BACK",
                "REQUEST_RETRAINING");
        assertThat(ReviewRules.outcomes("recertification")).containsExactly("RECERTIFY", "FAIL");
    }
}
