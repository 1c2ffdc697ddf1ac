package org.modelops.governance.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelops.governance.lifecycle.Lifecycles.ada;
import static org.modelops.governance.testing.MonitoringFixtures.count;
import static org.modelops.governance.testing.MonitoringFixtures.lastEvent;
import static org.modelops.governance.testing.MonitoringFixtures.runningInstances;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.monitoring.SignalVerdictChanged;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.MonitoringFixtures;
import org.modelops.governance.testing.MonitoringPolicy;
import org.modelops.governance.testing.ServiceTest;
import org.modelops.governance.testing.VerdictChanges;

/**
 * The serving phase through the real BPMN on PostgreSQL. Breaches are published as the monitoring code publishes
 * them: {@code monitoring.verdict-changed} audited and {@link SignalVerdictChanged} published in one transaction under
 * the model's row lock (this branch has no performance or service ingestion yet).
 */
@MicronautTest(transactional = false)
class ServingPhaseTest extends ServiceTest {

    @Inject
    VerdictChanges changes;

    private MonitoringFixtures fixtures() {
        return new MonitoringFixtures(api());
    }

    /** A fast policy: direct rollout, one approval, every signal watched with its own onBreach. */
    private String model(String prefix, String cooldown) {
        var name = uniqueName(prefix);
        fixtures().register(MonitoringPolicy.of("serving-" + name, name).cooldown(cooldown)
                .drift(100, 2, 3, "[alert, review]")
                .dataQuality(100, null, 2, 3, "[alert, retrain]")
                .performance("PT1H", 2, 3, "[alert, rollback]")
                .service(100, 2, 3, "[alert, rollback]"), name, "MEDIUM");
        return name;
    }

    @Test
    void aChampionStaysInItsServingPhaseUntilANewChampionSupersedesIt() {
        var name = model("serve", "PT24H");
        fixtures().promote(name, 1);
        assertThat(runningInstances(name, 1)).as("version 1 is in its serving phase").isEqualTo(1);
        fixtures().promote(name, 2);
        assertThat(fixtures().state(name, 1)).isEqualTo("SUPERSEDED");
        assertThat(runningInstances(name, 1)).as("superseded: its serving phase ended").isZero();
        assertThat(runningInstances(name, 2)).isEqualTo(1);
    }

    @Test
    void aDriftBreachRaisesAnAlertAndOpensAReviewTaskInTheInboxThatTheOwnerTeamCannotDecide() {
        var name = model("drift", "PT24H");
        fixtures().promote(name, 1);
        changes.publish("serving-" + name, name, 1, "drift", "WARN", "BREACH");

        var alert = lastEvent(name + "/1", AuditActions.MONITORING_ALERT_RAISED);
        assertThat(alert.path("signal").asText()).isEqualTo("drift");
        assertThat(alert.path("policy").asText()).isEqualTo("serving-" + name);
        assertThat(alert.path("policySha256").asText()).hasSize(64);
        assertThat(alert.path("evidence").path("windows").get(0).path("records").asInt()).isEqualTo(1200);
        assertThat(count(AuditActions.MONITORING_ROLLBACK_REFUSED, name + "/1")).isZero();

        var task = fixtures().task(dana(), name, 1, "monitoring-review");
        assertThat(task.path("review").path("reason").asText()).startsWith("The drift signal breached.");
        assertThat(task.path("review").path("breach").path("evidence").path("value").asDouble()).isEqualTo(0.71);
        assertThat(task.path("review").path("outcomes").toString())
                .isEqualTo("[\"KEEP_SERVING\",\"ROLL_BACK\",\"REQUEST_RETRAINING\"]");
        assertThat(task.path("candidateRoles").toString()).isEqualTo("[\"domain-expert\"]");

        var olga = IDP.tokenForTeamMember("olga", List.of("risk-analytics"), "domain-expert");
        assertThat(fixtures().hasTask(olga, name, 1)).as("the owner team does not see it").isFalse();
        var refused = fixtures().decide(olga, task.path("id").asText(), "KEEP_SERVING", "ours is fine");
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.field("type")).isEqualTo("/problems/separation-of-duties");
        var wrongOutcome = fixtures().decide(dana(), task.path("id").asText(), "APPROVE", "looks fine");
        assertThat(wrongOutcome.status()).isEqualTo(400);
        assertThat(wrongOutcome.json().path("errors").get(0).path("field").asText()).isEqualTo("decision");

        var kept = fixtures().decide(dana(), task.path("id").asText(), "KEEP_SERVING",
                "seasonal shift, KPIs hold");
        assertThat(kept.status()).as(kept.body()).isEqualTo(200);
        var decided = lastEvent(name + "/1", AuditActions.MONITORING_REVIEW_DECIDED);
        assertThat(decided.path("decision").asText()).isEqualTo("KEEP_SERVING");
        assertThat(decided.path("comment").asText()).isEqualTo("seasonal shift, KPIs hold");
        assertThat(fixtures().state(name, 1)).isEqualTo("CHAMPION");
        assertThat(runningInstances(name, 1)).as("still serving").isEqualTo(1);
        var again = fixtures().decide(dana(), task.path("id").asText(), "KEEP_SERVING", "twice");
        assertThat(again.status()).isEqualTo(409);
        assertThat(count(AuditActions.MONITORING_REVIEW_DECIDED, name + "/1")).isEqualTo(1);
    }

    @Test
    void aPerformanceBreachRollsBackAutomaticallyToTheHealthyPreviousChampion() {
        var name = model("perf", "PT24H");
        fixtures().promote(name, 1);
        fixtures().promote(name, 2);
        changes.publish("serving-" + name, name, 2, "performance", "WARN", "BREACH");

        assertThat(fixtures().state(name, 2)).isEqualTo("ROLLED_BACK");
        assertThat(fixtures().state(name, 1)).isEqualTo("CHAMPION");
        assertThat(fixtures().serving(name)).hasSize(1);
        assertThat(fixtures().serving(name).get(0).path("version").asInt()).isEqualTo(1);
        assertThat(fixtures().serving(name).get(0).path("percent").asInt()).isEqualTo(100);
        var rolledBack = lastEvent(name, AuditActions.MODEL_ROLLED_BACK);
        assertThat(rolledBack.path("automatic").asBoolean()).isTrue();
        assertThat(rolledBack.path("from").asInt()).isEqualTo(2);
        assertThat(rolledBack.path("to").asInt()).isEqualTo(1);
        assertThat(rolledBack.path("signal").asText()).isEqualTo("performance");
        assertThat(rolledBack.path("evidence").path("statistic").asText()).isEqualTo("auc");
        assertThat(Database.strings("SELECT actor_username FROM audit_events WHERE action = ? AND subject_id = ?",
                AuditActions.MODEL_ROLLED_BACK, name)).containsExactly("system");
        assertThat(count(AuditActions.MONITORING_ALERT_RAISED, name + "/2")).isEqualTo(1);
        assertThat(runningInstances(name, 2)).as("the breached version's serving phase ended").isZero();
        assertThat(runningInstances(name, 1)).as("version 1 serves again, in a serving phase of its own")
                .isEqualTo(1);
        assertThat(fixtures().hasTask(dana(), name, 2)).as("an automatic rollback needs no review").isFalse();
    }

    @Test
    void anUnhealthyPreviousChampionRefusesTheRollbackAndAReviewerRollsBackOrNot() {
        var name = model("guard", "PT24H");
        fixtures().promote(name, 1);
        changes.publish("serving-" + name, name, 1, "service", "PASS", "BREACH");
        fixtures().promote(name, 2);
        changes.publish("serving-" + name, name, 2, "service", "WARN", "BREACH");

        assertThat(fixtures().state(name, 2)).as("no automatic rollback").isEqualTo("CHAMPION");
        var refused = lastEvent(name + "/2", AuditActions.MONITORING_ROLLBACK_REFUSED);
        assertThat(refused.path("reason").asText()).isEqualTo("the previous champion, version 1, is not healthy:"
                + " its last judged service verdict is BREACH");
        assertThat(refused.path("previousChampionVerdicts").path("service").asText()).isEqualTo("BREACH");
        var task = fixtures().task(dana(), name, 2, "monitoring-review");
        assertThat(task.path("review").path("reason").asText()).contains("the automatic rollback was refused: the"
                + " previous champion, version 1, is not healthy");

        var rolledBack = fixtures().decide(dana(), task.path("id").asText(), "ROLL_BACK",
                "version 1's errors were transient");
        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
        assertThat(fixtures().state(name, 2)).isEqualTo("ROLLED_BACK");
        assertThat(fixtures().state(name, 1)).isEqualTo("CHAMPION");
        var event = lastEvent(name, AuditActions.MODEL_ROLLED_BACK);
        assertThat(event.path("automatic").asBoolean()).isFalse();
        assertThat(event.path("task").asText()).isEqualTo(task.path("id").asText());
        assertThat(Database.strings("SELECT actor_username FROM audit_events WHERE action = ? AND subject_id = ?",
                AuditActions.MODEL_ROLLED_BACK, name)).containsExactly("dana");
        assertThat(runningInstances(name, 2)).isZero();
    }

    @Test
    void aPreviousChampionsSilenceAfterItStoppedServingDoesNotMakeItUnhealthy() {
        var name = model("silent", "PT24H");
        fixtures().promote(name, 1);
        changes.publish("serving-" + name, name, 1, "data-quality", null, "PASS");
        fixtures().promote(name, 2);
        // Superseded, version 1 gets no traffic: its volume rule breaches on the silence.
        changes.publish("serving-" + name, name, 1, "data-quality", "PASS", "BREACH");

        changes.publish("serving-" + name, name, 2, "performance", "PASS", "BREACH");

        assertThat(fixtures().state(name, 2)).as("rolled back to version 1 all the same").isEqualTo("ROLLED_BACK");
        assertThat(fixtures().state(name, 1)).isEqualTo("CHAMPION");
    }

    @Test
    void withinTheCooldownOfAnAutomaticRollbackTheNextBreachOpensAReviewInstead() {
        var name = model("cool", "PT24H");
        fixtures().promote(name, 1);
        fixtures().promote(name, 2);
        changes.publish("serving-" + name, name, 2, "performance", "PASS", "BREACH");
        assertThat(fixtures().state(name, 1)).isEqualTo("CHAMPION");
        fixtures().promote(name, 3);
        changes.publish("serving-" + name, name, 3, "performance", "PASS", "BREACH");

        assertThat(fixtures().state(name, 3)).as("the cooldown holds the rollback").isEqualTo("CHAMPION");
        var refused = lastEvent(name + "/3", AuditActions.MONITORING_ROLLBACK_REFUSED);
        assertThat(refused.path("reason").asText()).startsWith("the model was rolled back automatically at ")
                .contains("within its cooldown of PT24H");
        assertThat(refused.path("cooldown").asText()).isEqualTo("PT24H");
        assertThat(fixtures().task(dana(), name, 3, "monitoring-review").path("review").path("reason").asText())
                .contains("cooldown");
    }

    @Test
    void aRetrainingRequestIsStoredWithItsEvidenceAndAnsweredByALaterSubmission() {
        var name = model("retrain", "PT24H");
        fixtures().promote(name, 1);
        changes.publish("serving-" + name, name, 1, "data-quality", "WARN", "BREACH");

        var requests = api().get("/api/v1/models/" + name + "/retraining-requests", dana()).json().path("items");
        assertThat(requests).hasSize(1);
        var request = requests.get(0);
        assertThat(request.path("status").asText()).isEqualTo("OPEN");
        assertThat(request.path("signal").asText()).isEqualTo("data-quality");
        assertThat(request.path("version").asInt()).isEqualTo(1);
        assertThat(request.path("evidence").path("windows").get(0).path("records").asInt()).isEqualTo(1200);
        var requested = lastEvent(name + "/1", AuditActions.MONITORING_RETRAINING_REQUESTED);
        assertThat(requested.path("request").asText()).isEqualTo(request.path("id").asText());
        assertThat(requested.path("evidence").path("value").asDouble()).isEqualTo(0.71);

        var unknown = api().post("/api/v1/models/" + name + "/versions", erin(), answering(
                "00000000-0000-0000-0000-000000000000"));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.json().path("errors").get(0).path("field").asText()).isEqualTo("answersRetrainingRequest");

        var answer = api().post("/api/v1/models/" + name + "/versions", erin(), answering(request.path("id")
                .asText()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        var answered = api().get("/api/v1/models/" + name + "/retraining-requests", dana()).json().path("items")
                .get(0);
        assertThat(answered.path("status").asText()).isEqualTo("ANSWERED");
        assertThat(answered.path("answeredByVersion").asInt()).isEqualTo(answer.json().path("version").asInt());
        assertThat(lastEvent(name + "/" + answer.json().path("version").asInt(),
                AuditActions.MONITORING_RETRAINING_ANSWERED).path("request").asText())
                .isEqualTo(request.path("id").asText());
        var twice = api().post("/api/v1/models/" + name + "/versions", erin(), answering(request.path("id")
                .asText()));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.field("type")).isEqualTo("/problems/retraining-request-answered");
    }

    @Test
    void aRollbackThroughTheApiEndsTheServingPhaseAndWithdrawsItsOpenReview() {
        var name = model("ended", "PT24H");
        fixtures().promote(name, 1);
        fixtures().promote(name, 2);
        changes.publish("serving-" + name, name, 2, "drift", "PASS", "BREACH");
        var task = fixtures().task(dana(), name, 2, "monitoring-review");

        var rolledBack = api().post("/api/v1/models/" + name + "/rollback", dana(),
                "{\"reason\": \"drifted inputs, we go back\", \"expectedVersion\": 2}");
        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
        assertThat(runningInstances(name, 2)).as("the rolled-back version's serving phase ended").isZero();
        assertThat(runningInstances(name, 1)).as("version 1 serves again in its own serving phase").isEqualTo(1);
        var late = fixtures().decide(dana(), task.path("id").asText(), "KEEP_SERVING", "too late");
        assertThat(late.status()).as(late.body()).isEqualTo(409);
        assertThat(late.field("type")).isEqualTo("/problems/task-already-decided");

        changes.publish("serving-" + name, name, 2, "performance", "PASS", "BREACH");
        assertThat(count(AuditActions.MONITORING_ALERT_RAISED, name + "/2")).as("a version that no longer serves"
                + " is only monitored: the drift alert is the only one").isEqualTo(1);
        assertThat(fixtures().state(name, 1)).isEqualTo("CHAMPION");
    }

    @Test
    void theServingPhasesPolicyKeysAreCheckedOnPublicationAndNameTheField() {
        var name = uniqueName("keys");
        var response = api().post("/api/v1/policies", ada(), """
                name: keys-%1$s
                appliesTo:
                  models: [%1$s]
                approvals:
                  count: 1
                  roles: [domain-expert]
                monitoring:
                  recertifyEvery: every quarter
                  rollback: { cooldown: PT0S }
                """.formatted(name), Map.of("Content-Type", "application/yaml"));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("monitoring.recertifyEvery");
    }

    private static String answering(String request) {
        var body = submission(0.9);
        return body.substring(0, body.lastIndexOf('}')) + ", \"answersRetrainingRequest\": \"" + request + "\"}";
    }
}
