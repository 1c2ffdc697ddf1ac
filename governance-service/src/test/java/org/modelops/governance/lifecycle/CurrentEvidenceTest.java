package org.modelops.governance.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelops.governance.lifecycle.Lifecycles.ada;
import static org.modelops.governance.lifecycle.Lifecycles.dana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.modelops.governance.testing.Api;
import org.modelops.governance.testing.Concurrently;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;
import org.modelops.governance.workflow.LifecycleVariables;

/**
 * The gate holds when things change under it: a new champion, new evidence, a second click, a retry, a concurrent
 * call. Each scenario of issue 10, through the real BPMN, PostgreSQL and signed tokens.
 */
@MicronautTest(transactional = false)
class CurrentEvidenceTest extends ServiceTest {

    @Inject
    RuntimeService runtime;

    @Inject
    ProcessEngine engine;

    private static String dave() {
        return IDP.tokenFor("dave", "domain-expert");
    }

    private Lifecycles lifecycles() {
        return new Lifecycles(api());
    }

    /** A model of its own with a policy of its own: {@code approvals} approvals, DIRECT or STAGED rollout. */
    private String model(int approvals, String rollout) {
        var name = uniqueName("gate");
        assertThat(api().post("/api/v1/models", erin(), registration(name, "LOW")).status()).isEqualTo(201);
        publish(name, approvals, rollout);
        return name;
    }

    private void publish(String name, int approvals, String rollout) {
        var policy = """
                name: gate-%1$s
                description: Policy of one test model
                appliesTo:
                  models: [%1$s]
                requiredMetadata: [description]
                kpis:
                  auc: { min: 0.7 }
                championChallenger:
                  primaryMetric: auc
                  minUplift: 0.005
                approvals:
                  count: %2$d
                  roles: [domain-expert]
                rollout:
                %3$s
                """.formatted(name, approvals, rollout.indent(2).stripTrailing());
        var published = api().post("/api/v1/policies", ada(), policy, Map.of("Content-Type", "application/yaml"));
        assertThat(published.status()).as(published.body()).isIn(200, 201);
    }

    private static final String DIRECT = "strategy: DIRECT";
    private static final String SLOW_CANARY = """
            strategy: STAGED
            steps:
              - { percent: 20, bake: PT30M }
              - { percent: 60, bake: PT1H }""";

    private int submit(String name, double auc) {
        return submit(name, submission(auc));
    }

    private int submit(String name, String body) {
        var response = api().post("/api/v1/models/" + name + "/versions", erin(), body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("version").asInt();
    }

    private JsonNode awaitState(String name, int version, String state) {
        return lifecycles().awaitState(name, version, state);
    }

    private JsonNode taskFor(String token, String name, int version) {
        var deadline = Instant.now().plus(Duration.ofSeconds(10));
        do {
            var task = openTask(token, name, version);
            if (task != null) {
                return task;
            }
            Lifecycles.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("no task for " + name + "/" + version);
    }

    private JsonNode openTask(String token, String name, int version) {
        for (var task : api().get("/api/v1/tasks?model=" + name, token).json().path("items")) {
            if (task.path("model").asText().equals(name) && task.path("version").asInt() == version) {
                return task;
            }
        }
        return null;
    }

    private Api.Response approve(String token, String taskId) {
        return api().post("/api/v1/tasks/" + taskId + "/decision", token,
                "{\"decision\": \"APPROVE\", \"comment\": \"The evidence supports it\"}");
    }

    private Api.Response approve(String token, String taskId, String evidenceSha256) {
        return api().post("/api/v1/tasks/" + taskId + "/decision", token, """
                {"decision": "APPROVE", "comment": "The evidence supports it", "evidenceSha256": "%s"}"""
                .formatted(evidenceSha256));
    }

    private void champion(String name, int version) {
        awaitState(name, version, "PENDING_APPROVAL");
        assertThat(approve(dana(), taskFor(dana(), name, version).path("id").asText()).status()).isEqualTo(200);
        awaitState(name, version, "CHAMPION");
    }

    /** Version 1 serves; version 2, approved under a slow canary policy, is rolling out over it. */
    private String canaryOverAChampion() {
        var name = model(1, DIRECT);
        submit(name, 0.80);
        champion(name, 1);
        publish(name, 1, SLOW_CANARY);
        submit(name, 0.90);
        awaitState(name, 2, "PENDING_APPROVAL");
        assertThat(approve(dana(), taskFor(dana(), name, 2).path("id").asText()).status()).isEqualTo(200);
        return name;
    }

    private Api.Response rollback(String name, String reason, int expectedVersion) {
        return api().post("/api/v1/models/" + name + "/rollback", dana(), """
                {"reason": "%s", "expectedVersion": %d}""".formatted(reason, expectedVersion));
    }

    private JsonNode serving(String name) {
        return api().get("/api/v1/models/" + name + "/deployment", dana()).json().path("serving");
    }

    private List<String> actions(String name, int version) {
        var actions = new ArrayList<String>();
        api().get("/api/v1/models/" + name + "/versions/" + version + "/timeline", dana()).json()
                .forEach(step -> actions.add(step.path("action").asText()));
        return actions;
    }

    private JsonNode lastOf(String name, int version, String action) {
        JsonNode found = null;
        for (var step : api().get("/api/v1/models/" + name + "/versions/" + version + "/timeline", dana()).json()) {
            if (action.equals(step.path("action").asText())) {
                found = step;
            }
        }
        assertThat(found).as(action + " on " + name + "/" + version).isNotNull();
        return found;
    }

    @Test
    void aVersionApprovedAgainstNoChampionIsComparedAgainWhenAnotherBecomesChampionAndRejectedIfWorse() {
        var name = model(1, DIRECT);
        submit(name, 0.80);
        submit(name, 0.90);
        awaitState(name, 1, "PENDING_APPROVAL");
        var stale = taskFor(dana(), name, 1);
        assertThat(stale.path("challenge").path("outcome").asText()).isEqualTo("SKIPPED");
        champion(name, 2);

        var rejected = awaitState(name, 1, "REJECTED");
        assertThat(rejected.path("championVersion").asInt()).isEqualTo(2);
        assertThat(rejected.path("stateReason").asText())
                .isEqualTo("champion-challenger: auc 0.8 vs champion 0.9 (delta -0.1) is short of the minimum uplift"
                        + " 0.005");
        assertThat(lastOf(name, 1, "lifecycle.reopened").path("details").path("change").asText())
                .isEqualTo("version 2 became champion");
        var late = approve(dana(), stale.path("id").asText());
        assertThat(late.status()).as(late.body()).isEqualTo(409);
        assertThat(late.field("type")).isEqualTo("/problems/task-withdrawn");
        assertThat(late.field("detail")).contains("version 2 became champion");
        assertThat(serving(name)).hasSize(1);
        assertThat(serving(name).get(0).path("version").asInt()).isEqualTo(2);
    }

    @Test
    void anEvaluationReportAfterTheFirstOfTwoApprovalsIsJudgedAndFailingEvidenceNeverServes() {
        var name = model(2, DIRECT);
        submit(name, 0.90);
        awaitState(name, 1, "PENDING_APPROVAL");
        assertThat(approve(dana(), taskFor(dana(), name, 1).path("id").asText()).status()).isEqualTo(200);

        var report = api().post("/api/v1/models/" + name + "/versions/1/evaluations", erin(), """
                {"evaluationData": {"uri": "s3://data/holdout.parquet", "sha256": "%s"},
                 "metrics": {"auc": 0.65}}""".formatted("e".repeat(64)));
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        var rejected = awaitState(name, 1, "REJECTED");
        assertThat(rejected.path("stateReason").asText()).isEqualTo("validation: On the evaluation report for"
                + " s3://data/holdout.parquet: auc is 0.65, below the minimum 0.7");
        assertThat(rejected.path("validation").path("rules")).anySatisfy(rule -> {
            assertThat(rule.path("rule").asText()).isEqualTo("kpi:auc@eeeeeeeeeeee");
            assertThat(rule.path("passed").asBoolean()).isFalse();
        });
        var reopened = lastOf(name, 1, "lifecycle.reopened").path("details");
        assertThat(reopened.path("change").asText()).contains("an evaluation report on s3://data/holdout.parquet");
        assertThat(reopened.path("staleApprovals").toString()).isEqualTo("[\"dana\"]");
        assertThat(serving(name)).isEmpty();
    }

    @Test
    void newEvidenceBringsTheDecisionBackSayingWhatChangedAndEarlierApprovalsNoLongerCount() {
        var name = model(2, DIRECT);
        submit(name, 0.90);
        awaitState(name, 1, "PENDING_APPROVAL");
        var first = taskFor(dana(), name, 1);
        var before = first.path("evidenceSha256").asText();
        assertThat(before).hasSize(64);
        assertThat(approve(dana(), first.path("id").asText(), before).status()).isEqualTo(200);
        var followUp = taskFor(dave(), name, 1);
        assertThat(followUp.path("approvalsSoFar").asInt()).isEqualTo(1);
        assertThat(openTask(dana(), name, 1)).as("dana already decided on this evidence").isNull();

        var report = api().post("/api/v1/models/" + name + "/versions/1/evaluations", erin(), """
                {"evaluationData": {"uri": "s3://data/holdout.parquet", "sha256": "%s"},
                 "metrics": {"auc": 0.88}}""".formatted("e".repeat(64)));
        assertThat(report.status()).isEqualTo(200);
        var stale = approve(dave(), followUp.path("id").asText(), before);
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.field("type")).isIn("/problems/task-withdrawn", "/problems/evidence-changed");

        awaitState(name, 1, "PENDING_APPROVAL");
        var again = taskFor(dana(), name, 1);
        assertThat(again.path("id").asText()).isNotEqualTo(first.path("id").asText());
        assertThat(again.path("approvalsSoFar").asInt()).as("dana's approval was on other evidence").isZero();
        assertThat(again.path("reopenedBecause").asText()).startsWith("an evaluation report on"
                + " s3://data/holdout.parquet arrived");
        var after = again.path("evidenceSha256").asText();
        assertThat(after).hasSize(64).isNotEqualTo(before);
        assertThat(approve(dave(), again.path("id").asText(), before).field("type"))
                .isEqualTo("/problems/evidence-changed");
        assertThat(approve(dave(), again.path("id").asText(), after).status()).isEqualTo(200);
        assertThat(awaitState(name, 1, "PENDING_APPROVAL").path("state").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(approve(dana(), taskFor(dana(), name, 1).path("id").asText(), after).status()).isEqualTo(200);
        awaitState(name, 1, "CHAMPION");

        var carl = IDP.tokenFor("carl", "compliance-officer");
        var bundle = api().get("/api/v1/audit/evidence/" + name + "/1", carl).json();
        var document = new com.fasterxml.jackson.databind.ObjectMapper().convertValue(bundle.path("evidenceDocument"),
                Map.class);
        assertThat(org.modelops.governance.shared.Digests.sha256Hex(org.modelops.audit.CanonicalForm.canonical(
                document))).as("anyone recomputes the hash from the bundle's document")
                .isEqualTo(bundle.path("evidenceSha256").asText());
        var approvers = bundle.path("approvers");
        assertThat(approvers).hasSize(3);
        assertThat(approvers.get(0).path("evidenceSha256").asText()).isEqualTo(before);
        assertThat(approvers.get(2).path("evidenceSha256").asText()).isEqualTo(after);
        assertThat(approvers.get(0).path("current").asBoolean()).isFalse();
        assertThat(approvers.get(2).path("current").asBoolean()).isTrue();
        assertThat(lastOf(name, 1, "approval.decided").path("details").path("evidenceSha256").asText())
                .isEqualTo(after);
    }

    @Test
    void stoppingACanaryServesTheChampionAtOnceCancelsItsTimersAndARetryIsRefused() {
        var name = canaryOverAChampion();
        var rolling = awaitState(name, 2, "ROLLING_OUT");
        assertThat(serving(name).toString()).contains("\"version\":2,\"percent\":20");

        var wrong = rollback(name, "canary errors", 1);
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(409);
        assertThat(wrong.field("type")).isEqualTo("/problems/stale-rollback");
        assertThat(awaitState(name, 1, "CHAMPION").path("state").asText()).as("the good champion stays")
                .isEqualTo("CHAMPION");

        var stopped = rollback(name, "canary errors", 2);
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
        assertThat(stopped.json().path("rolloutStopped").asBoolean()).isTrue();
        assertThat(stopped.json().path("state").asText()).isEqualTo("ROLLED_BACK");
        assertThat(stopped.json().path("servingVersion").asInt()).isEqualTo(1);
        assertThat(serving(name)).hasSize(1);
        assertThat(serving(name).get(0).path("version").asInt()).isEqualTo(1);
        assertThat(serving(name).get(0).path("percent").asInt()).isEqualTo(100);
        var lifecycle = rolling.path("lifecycleId").asText();
        assertThat(Database.count("SELECT count(*) FROM act_ru_timer_job WHERE process_instance_id_ = ?",
                lifecycle)).as("the bake timers are cancelled").isZero();
        assertThat(Database.count("SELECT count(*) FROM act_ru_execution WHERE proc_inst_id_ = ?", lifecycle))
                .isZero();

        var retry = rollback(name, "canary errors", 2);
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.field("detail")).contains("version 1 is the champion");
        assertThat(awaitState(name, 1, "CHAMPION").path("state").asText()).isEqualTo("CHAMPION");
        assertThat(lastOf(name, 2, "rollout.stopped").path("actor").asText()).isEqualTo("dana");
        assertThat(lastOf(name, 2, "rollout.stopped").path("details").path("serving").asText())
                .isEqualTo("version 1 serves 100 %");
    }

    @Test
    void aFirstVersionsCanaryCanBeStoppedAndThenNothingServes() {
        var name = model(1, SLOW_CANARY);
        submit(name, 0.80);
        awaitState(name, 1, "PENDING_APPROVAL");
        assertThat(approve(dana(), taskFor(dana(), name, 1).path("id").asText()).status()).isEqualTo(200);
        awaitState(name, 1, "ROLLING_OUT");
        assertThat(serving(name).get(0).path("percent").asInt()).isEqualTo(100);

        var stopped = rollback(name, "wrong artifact", 1);
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
        assertThat(stopped.json().path("servingVersion").isNull()).isTrue();
        assertThat(serving(name)).isEmpty();
        assertThat(lastOf(name, 1, "rollout.stopped").path("details").path("serving").asText())
                .isEqualTo("nothing serves: the model has no champion");
        var noRollback = rollback(name, "again", 1);
        assertThat(noRollback.status()).isEqualTo(409);
        assertThat(noRollback.field("type")).isEqualTo("/problems/no-champion");
    }

    @Test
    void aRollbackMustNameTheVersionItRollsBack() {
        var name = model(1, DIRECT);
        var missing = api().post("/api/v1/models/" + name + "/rollback", dana(), "{\"reason\": \"x\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").get(0).path("field").asText()).isEqualTo("expectedVersion");
    }

    @Test
    void concurrentOrRetriedRollbacksRollBackOneStepOnly() throws Exception {
        var name = model(1, DIRECT);
        submit(name, 0.80);
        champion(name, 1);
        submit(name, 0.85);
        champion(name, 2);
        submit(name, 0.90);
        champion(name, 3);

        var statuses = Concurrently.run(4, i -> rollback(name, "spike in complaints", 3).status());
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(3);
        assertThat(awaitState(name, 2, "CHAMPION").path("state").asText()).isEqualTo("CHAMPION");
        assertThat(awaitState(name, 1, "SUPERSEDED").path("state").asText()).isEqualTo("SUPERSEDED");
        assertThat(awaitState(name, 3, "ROLLED_BACK").path("state").asText()).isEqualTo("ROLLED_BACK");
    }

    @Test
    void aRollbackRacingADecisionNeverFailsAndNeverPromotesOnAComparisonWithTheRolledBackChampion()
            throws Exception {
        var name = model(1, DIRECT);
        submit(name, 0.80);
        champion(name, 1);
        submit(name, 0.85);
        champion(name, 2);
        submit(name, 0.86);
        awaitState(name, 3, "PENDING_APPROVAL");
        var task = taskFor(dana(), name, 3).path("id").asText();
        assertThat(taskFor(dana(), name, 3).path("champion").path("version").asInt()).isEqualTo(2);

        var responses = Concurrently.run(2, i -> i == 0 ? rollback(name, "race", 2) : approve(dave(), task));
        assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.body()).isIn(200,
                409));
        if (responses.get(0).status() == 200) {
            var again = awaitState(name, 3, "PENDING_APPROVAL");
            Lifecycles.sleep(200);
            again = awaitState(name, 3, "PENDING_APPROVAL");
            assertThat(again.path("championVersion").asInt()).as("compared again with version 1").isEqualTo(1);
            assertThat(awaitState(name, 1, "CHAMPION").path("state").asText()).isEqualTo("CHAMPION");
        } else {
            assertThat(awaitState(name, 3, "CHAMPION").path("championVersion").asInt()).isEqualTo(2);
            assertThat(awaitState(name, 2, "SUPERSEDED").path("state").asText()).isEqualTo("SUPERSEDED");
        }
        assertThat(Database.count("SELECT count(*) FROM model_versions v JOIN registered_models m"
                + " ON m.id = v.model_id WHERE m.name = ? AND v.state = 'CHAMPION'", name)).isEqualTo(1);
    }

    @Test
    void theDecisionShowsTheDeltaOfTheDatasetItsVerdictWasReachedOnRoundedForPeople() {
        var name = model(1, DIRECT);
        submit(name, 0.80);
        champion(name, 1);
        submit(name, submission(0.95).replace("c".repeat(64), "d".repeat(64)));
        awaitState(name, 2, "CHALLENGING");
        var report = api().post("/api/v1/models/" + name + "/versions/2/evaluations", erin(), """
                {"evaluationData": {"uri": "s3://data/eval.parquet", "sha256": "%s"},
                 "metrics": {"auc": 0.83, "f1": 0.8}}""".formatted("c".repeat(64)));
        assertThat(report.status()).isEqualTo(200);
        awaitState(name, 2, "PENDING_APPROVAL");
        var task = taskFor(dana(), name, 2);
        assertThat(task.path("deltas").path("auc").asDouble()).isEqualTo(0.03);
        assertThat(task.path("deltas").path("auc").toString()).isEqualTo("0.03");
        assertThat(task.path("comparison").path("datasetSha256").asText()).isEqualTo("c".repeat(64));
        assertThat(task.path("challenger").path("metrics").path("auc").asDouble()).isEqualTo(0.83);
        assertThat(task.path("challenger").path("submittedMetrics").path("auc").asDouble()).isEqualTo(0.95);
        assertThat(task.path("champion").path("metrics").path("auc").asDouble()).isEqualTo(0.80);
        assertThat(task.path("challenge").path("rules").get(0).path("actual").asText()).isEqualTo("+0.03");
    }

    @Test
    void anOutcomeAGatewayDoesNotKnowStopsTheLifecycleWithAnIncidentAndNeverPromotes() {
        var name = model(1, DIRECT);
        submit(name, 0.80);
        var pending = awaitState(name, 1, "PENDING_APPROVAL");
        var lifecycle = pending.path("lifecycleId").asText();
        var terms = ((ObjectNode) runtime.getVariable(lifecycle, LifecycleVariables.TERMS)).deepCopy();
        runtime.setVariable(lifecycle, LifecycleVariables.TERMS, terms.put("rolloutStrategy", "BLUE_GREEN"));
        assertThat(approve(dana(), taskFor(dana(), name, 1).path("id").asText()).status()).isEqualTo(200);
        var stopped = awaitState(name, 1, "APPROVED");
        assertThat(stopped.path("stateReason").asText())
                .isEqualTo("stopped at 'rolloutStrategy': unknown outcome 'BLUE_GREEN'; nothing was promoted");
        assertThat(serving(name)).isEmpty();
        assertThat(actions(name, 1)).endsWith("lifecycle.incident");
    }

    @Test
    void aCanaryBakesOnTheEnginesClockAndIsPromotedWhenItsStepsAreDone() {
        var name = canaryOverAChampion();
        awaitState(name, 2, "ROLLING_OUT");
        var clock = engine.getProcessEngineConfiguration().getClock();
        try {
            clock.setCurrentTime(Date.from(Instant.now().plus(Duration.ofMinutes(31))));
            awaitShare(name, 2, 60);
            assertThat(awaitState(name, 2, "ROLLING_OUT").path("state").asText()).isEqualTo("ROLLING_OUT");
            clock.setCurrentTime(Date.from(Instant.now().plus(Duration.ofMinutes(31 + 61))));
            awaitState(name, 2, "CHAMPION");
            assertThat(awaitState(name, 1, "SUPERSEDED").path("state").asText()).isEqualTo("SUPERSEDED");
            assertThat(serving(name).get(0).path("percent").asInt()).isEqualTo(100);
        } finally {
            clock.reset();
        }
    }

    @Test
    void aReclassificationRePinsAnOpenLifecycleToThePolicyThatNowGovernsAndDecidesItAgain() {
        var name = uniqueName("reclass");
        assertThat(api().post("/api/v1/models", erin(), registration(name, "LOW")).status()).isEqualTo(201);
        submit(name, 0.90);
        awaitState(name, 1, "PENDING_APPROVAL");
        var before = taskFor(dana(), name, 1);
        assertThat(before.path("approvalsRequired").asInt()).isEqualTo(1);
        assertThat(before.path("policy").path("name").asText()).isEqualTo("low-risk");

        var refused = api().patch("/api/v1/models/" + name, dana(),
                "{\"riskTier\": \"HIGH\", \"reason\": \"decides on credit\"}");
        assertThat(refused.status()).isEqualTo(403);
        var patched = api().patch("/api/v1/models/" + name, ada(), """
                {"riskTier": "HIGH", "ownerTeam": "payments-security", "reason": "decides on credit now"}""");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);

        awaitState(name, 1, "PENDING_APPROVAL");
        var after = taskFor(dana(), name, 1);
        assertThat(after.path("id").asText()).isNotEqualTo(before.path("id").asText());
        assertThat(after.path("policy").path("name").asText()).isEqualTo("high-risk");
        assertThat(after.path("approvalsRequired").asInt()).isEqualTo(2);
        assertThat(after.path("riskTier").asText()).isEqualTo("HIGH");
        assertThat(after.path("reopenedBecause").asText()).isEqualTo("the model was reclassified (risk tier LOW to"
                + " HIGH, owner team risk-analytics to payments-security): decides on credit now");
        assertThat(after.path("evidenceSha256").asText()).isNotEqualTo(before.path("evidenceSha256").asText());
        var oldTask = approve(dana(), before.path("id").asText());
        assertThat(oldTask.field("type")).isEqualTo("/problems/task-withdrawn");

        var newOwner = IDP.tokenForTeamMember("pia", List.of("payments-security"), "domain-expert");
        assertThat(openTask(newOwner, name, 1)).as("the new owner team may not approve").isNull();
        assertThat(approve(newOwner, after.path("id").asText()).field("type"))
                .isEqualTo("/problems/separation-of-duties");
        assertThat(actions(name, 1)).contains("lifecycle.reopened");
        assertThat(lastOf(name, 1, "policy.pinned").path("details").path("policy").asText()).isEqualTo("high-risk");
    }

    private void awaitShare(String name, int version, int percent) {
        var deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            for (var share : serving(name)) {
                if (share.path("version").asInt() == version && share.path("percent").asInt() == percent) {
                    return;
                }
            }
            Lifecycles.sleep(100);
        }
        throw new AssertionError("version " + version + " never served " + percent + " %: " + serving(name));
    }
}
