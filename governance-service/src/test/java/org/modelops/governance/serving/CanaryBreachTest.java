package org.modelops.governance.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelops.governance.testing.MonitoringFixtures.count;
import static org.modelops.governance.testing.MonitoringFixtures.lastEvent;
import static org.modelops.governance.testing.MonitoringFixtures.runningInstances;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.flowable.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.lifecycle.Lifecycles;
import org.modelops.governance.monitoring.SignalVerdicts;
import org.modelops.governance.monitoring.model.MonitoringVerdict;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.MonitoringFixtures;
import org.modelops.governance.testing.MonitoringFixtures.Traffic;
import org.modelops.governance.testing.MonitoringPolicy;
import org.modelops.governance.testing.ServiceTest;
import org.modelops.governance.testing.VerdictChanges;

/**
 * A breach of a canary while it rolls out, through the real BPMN on PostgreSQL with real JWTs: predictions and
 * outcomes in through the API from the canary's arm, its verdicts judged from the stored tallies, the breach a
 * message of the rollout. A performance breach stops the rollout through the governed stop; drift only alerts and
 * opens a review; a breach that arrives after the canary was promoted or stopped changes nothing twice.
 */
@MicronautTest(transactional = false)
class CanaryBreachTest extends ServiceTest {

    @Inject
    SignalVerdicts verdicts;

    @Inject
    VerdictChanges changes;

    @Inject
    ProcessEngine engine;

    @AfterEach
    void resetClock() {
        engine.getProcessEngineConfiguration().getClock().reset();
    }

    private MonitoringFixtures fixtures() {
        return new MonitoringFixtures(api());
    }

    private static MonitoringPolicy policy(String name) {
        return MonitoringPolicy.of("canary-" + name, name).cooldown("PT24H")
                .drift(100, 1, 2, "[alert, review]")
                .performance("PT1M", 1, 2, "[alert, rollback]")
                .service(100, 1, 2, "[alert, rollback]");
    }

    /** Version 1 serves; version 2, approved under the policy's next version (a 10 % canary), rolls out. */
    private String canaryOverAChampion(String prefix) {
        var name = uniqueName(prefix);
        var fixtures = fixtures();
        fixtures.register(policy(name), name, "MEDIUM");
        fixtures.promote(name, 1);
        fixtures.publish(policy(name).canary(10, "PT1H"));
        fixtures.submitAndApprove(name, 2);
        new Lifecycles(api()).awaitState(name, 2, "ROLLING_OUT");
        awaitShare(name, 2, 10);
        fixtures.baseline(name, 2, true);
        return name;
    }

    private void awaitShare(String name, int version, int percent) {
        var deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            for (var share : fixtures().serving(name)) {
                if (share.path("version").asInt() == version && share.path("percent").asInt() == percent) {
                    return;
                }
            }
            Lifecycles.sleep(100);
        }
        throw new AssertionError("version " + version + " does not serve " + percent + " %: "
                + fixtures().serving(name));
    }

    private void championServesAlone(String name, int version) {
        var serving = fixtures().serving(name);
        assertThat(serving).as(serving.toString()).hasSize(1);
        assertThat(serving.get(0).path("version").asInt()).isEqualTo(version);
        assertThat(serving.get(0).path("percent").asInt()).isEqualTo(100);
    }

    private static List<String> actors(String action, String subject) {
        return Database.strings("SELECT actor_username FROM audit_events WHERE action = ? AND subject_id = ?",
                action, subject);
    }

    private static long stateChangesTo(String subject, String state) {
        return Database.count("SELECT count(*) FROM audit_events WHERE action = ? AND subject_id = ?"
                + " AND details->>'to' = ?", AuditActions.VERSION_STATE_CHANGED, subject, state);
    }

    @Test
    void aCanaryWhoseOutcomesBreachIsStoppedWithTheEvidenceAndTheChampionServesOn() {
        var name = canaryOverAChampion("canaryperf");
        fixtures().traffic(name, 2, Traffic.from("canary").uninformative());

        var changed = verdicts.evaluate(name, 2);

        assertThat(changed).containsEntry("performance", MonitoringVerdict.BREACH);
        assertThat(fixtures().state(name, 2)).isEqualTo("ROLLED_BACK");
        assertThat(fixtures().state(name, 1)).isEqualTo("CHAMPION");
        championServesAlone(name, 1);
        var stopped = lastEvent(name + "/2", AuditActions.ROLLOUT_STOPPED);
        assertThat(stopped.path("automatic").asBoolean()).isTrue();
        assertThat(stopped.path("signal").asText()).isEqualTo("performance");
        assertThat(stopped.path("serving").asText()).isEqualTo("version 1 serves 100 %");
        assertThat(stopped.path("reason").asText()).isEqualTo("rollout stopped automatically: the performance"
                + " signal of the canary breached");
        assertThat(stopped.path("policy").asText()).isEqualTo("canary-" + name);
        assertThat(stopped.path("policySha256").asText()).hasSize(64);
        var evidence = stopped.path("evidence");
        assertThat(evidence.path("to").asText()).isEqualTo("BREACH");
        assertThat(evidence.path("policySha256").asText()).hasSize(64);
        assertThat(evidence.path("windows").isArray()).isTrue();
        assertThat(evidence.path("windows").toString()).contains("\"metric\":\"auc\"", "\"verdict\":\"BREACH\"");
        assertThat(actors(AuditActions.ROLLOUT_STOPPED, name + "/2")).containsExactly("system");
        assertThat(stateChangesTo(name + "/2", "ROLLED_BACK")).isEqualTo(1);
        assertThat(count(AuditActions.MONITORING_ALERT_RAISED, name + "/2")).isEqualTo(1);
        assertThat(runningInstances(name, 2)).as("the canary's lifecycle ended, with its bake timer").isZero();
        assertThat(runningInstances(name, 1)).as("the champion stays in its serving phase").isEqualTo(1);
        assertThat(fixtures().hasTask(dana(), name, 2)).as("a stopped rollout needs no review").isFalse();

        // The breach of another signal arrives after the rollout stopped: the version is only monitored.
        changes.publish("canary-" + name, name, 2, "service", "PASS", "BREACH");
        assertThat(count(AuditActions.ROLLOUT_STOPPED, name + "/2")).isEqualTo(1);
        assertThat(stateChangesTo(name + "/2", "ROLLED_BACK")).isEqualTo(1);
        assertThat(count(AuditActions.MONITORING_ALERT_RAISED, name + "/2")).isEqualTo(1);
        assertThat(fixtures().state(name, 1)).isEqualTo("CHAMPION");
        championServesAlone(name, 1);
    }

    @Test
    void aDriftBreachOfTheCanaryAlertsAndOpensAReviewButNeverStopsTheRollout() {
        var name = canaryOverAChampion("canarydrift");
        fixtures().traffic(name, 2, Traffic.from("canary").drifted());

        var changed = verdicts.evaluate(name, 2);

        assertThat(changed).containsEntry("drift", MonitoringVerdict.BREACH);
        assertThat(changed).doesNotContainEntry("performance", MonitoringVerdict.BREACH);
        assertThat(fixtures().state(name, 2)).as("drift alone never stops a rollout").isEqualTo("ROLLING_OUT");
        awaitShare(name, 2, 10);
        awaitShare(name, 1, 90);
        assertThat(count(AuditActions.ROLLOUT_STOPPED, name + "/2")).isZero();
        var alert = lastEvent(name + "/2", AuditActions.MONITORING_ALERT_RAISED);
        assertThat(alert.path("signal").asText()).isEqualTo("drift");
        assertThat(alert.path("rollingOut").asBoolean()).isTrue();
        assertThat(alert.path("evidence").path("windows").isArray()).isTrue();

        var task = fixtures().task(dana(), name, 2, "monitoring-review");
        assertThat(task.path("review").path("reason").asText()).isEqualTo("The drift signal of the canary breached"
                + " during its rollout. Decide whether the version goes on serving.");
        assertThat(task.path("review").path("signal").asText()).isEqualTo("drift");
        assertThat(task.path("candidateRoles").toString()).isEqualTo("[\"domain-expert\"]");
        assertThat(fixtures().hasTask(erin(), name, 2)).as("not offered to the owner team").isFalse();
        var kept = fixtures().decide(dana(), task.path("id").asText(), "KEEP_SERVING", "seasonal inputs");
        assertThat(kept.status()).as(kept.body()).isEqualTo(200);
        assertThat(fixtures().state(name, 2)).isEqualTo("ROLLING_OUT");
        assertThat(runningInstances(name, 2)).as("the canary bakes on").isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM act_ru_timer_job j JOIN act_ru_execution e"
                + " ON e.proc_inst_id_ = j.process_instance_id_ WHERE e.business_key_ = ? AND e.parent_id_ IS NULL",
                name + "/2")).as("its bake timer is still set").isEqualTo(1);
    }

    @Test
    void aReviewerWhoRollsBackACanaryStopsItsRollout() {
        var name = canaryOverAChampion("canaryreview");
        changes.publish("canary-" + name, name, 2, "drift", "WARN", "BREACH");
        var task = fixtures().task(dana(), name, 2, "monitoring-review");

        var decided = fixtures().decide(dana(), task.path("id").asText(), "ROLL_BACK", "the new segment mix is wrong");

        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        assertThat(fixtures().state(name, 2)).isEqualTo("ROLLED_BACK");
        assertThat(fixtures().state(name, 1)).isEqualTo("CHAMPION");
        championServesAlone(name, 1);
        var stopped = lastEvent(name + "/2", AuditActions.ROLLOUT_STOPPED);
        assertThat(stopped.path("automatic").asBoolean()).isFalse();
        assertThat(stopped.path("task").asText()).isEqualTo(task.path("id").asText());
        assertThat(stopped.path("signal").asText()).isEqualTo("drift");
        assertThat(stopped.path("evidence").path("value").asDouble()).isEqualTo(0.71);
        assertThat(actors(AuditActions.ROLLOUT_STOPPED, name + "/2")).containsExactly("dana");
        assertThat(runningInstances(name, 2)).isZero();
        var again = fixtures().decide(dana(), task.path("id").asText(), "ROLL_BACK", "twice");
        assertThat(again.status()).isEqualTo(409);
        assertThat(stateChangesTo(name + "/2", "ROLLED_BACK")).isEqualTo(1);
    }

    @Test
    void aReviewOpenedOnTheCanaryIsWithdrawnWhenNewEvidenceWithdrawsTheCanary() {
        var name = canaryOverAChampion("canaryreopen");
        changes.publish("canary-" + name, name, 2, "drift", "WARN", "BREACH");
        var task = fixtures().task(dana(), name, 2, "monitoring-review");

        var report = api().post("/api/v1/models/" + name + "/versions/2/evaluations", erin(), """
                {"evaluationData": {"uri": "s3://data/eval.parquet", "sha256": "%s"},
                 "metrics": {"auc": 0.83, "f1": 0.8}}""".formatted("c".repeat(64)));
        assertThat(report.status()).as(report.body()).isEqualTo(200);

        new Lifecycles(api()).awaitState(name, 2, "PENDING_APPROVAL");
        championServesAlone(name, 1);
        var late = fixtures().decide(dana(), task.path("id").asText(), "ROLL_BACK", "too late");
        assertThat(late.status()).as(late.body()).isEqualTo(409);
        assertThat(late.field("type")).isEqualTo("/problems/task-already-decided");
        assertThat(count(AuditActions.ROLLOUT_STOPPED, name + "/2")).isZero();
    }

    @Test
    void aBreachAfterTheCanaryWasPromotedIsTheServingPhasesAndNeverStopsARolloutThatEnded() {
        var name = canaryOverAChampion("canarypromoted");
        engine.getProcessEngineConfiguration().getClock().setCurrentTime(Date.from(Instant.now()
                .plus(Duration.ofHours(2))));
        new Lifecycles(api()).awaitState(name, 2, "CHAMPION");

        changes.publish("canary-" + name, name, 2, "drift", "WARN", "BREACH");

        assertThat(count(AuditActions.ROLLOUT_STOPPED, name + "/2")).isZero();
        assertThat(fixtures().state(name, 2)).isEqualTo("CHAMPION");
        championServesAlone(name, 2);
        assertThat(stateChangesTo(name + "/2", "CHAMPION")).isEqualTo(1);
        var task = fixtures().task(dana(), name, 2, "monitoring-review");
        assertThat(task.path("review").path("reason").asText()).as("the serving phase's review")
                .isEqualTo("The drift signal breached. Decide whether the version goes on serving.");
    }

    @Test
    void aBreachAfterAPersonStoppedTheRolloutDoesNothing() {
        var name = canaryOverAChampion("canarystopped");
        var stopped = api().post("/api/v1/models/" + name + "/rollback", dana(),
                "{\"reason\": \"wrong artifact\", \"expectedVersion\": 2}");
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);

        changes.publish("canary-" + name, name, 2, "performance", "PASS", "BREACH");

        assertThat(count(AuditActions.ROLLOUT_STOPPED, name + "/2")).isEqualTo(1);
        assertThat(actors(AuditActions.ROLLOUT_STOPPED, name + "/2")).containsExactly("dana");
        assertThat(stateChangesTo(name + "/2", "ROLLED_BACK")).isEqualTo(1);
        assertThat(count(AuditActions.MONITORING_ALERT_RAISED, name + "/2")).isZero();
        assertThat(fixtures().state(name, 1)).isEqualTo("CHAMPION");
        championServesAlone(name, 1);
        assertThat(count(AuditActions.MODEL_ROLLED_BACK, name)).as("the champion is not rolled back").isZero();
    }
}
