package org.modelops.governance.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelops.governance.testing.Api;
import org.modelops.governance.testing.Concurrently;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;

/** Each path of the lifecycle, through the real BPMN file, the packaged policies and PostgreSQL. */
@MicronautTest
class LifecycleTest extends ServiceTest {

    private static String dave() {
        return IDP.tokenFor("dave", "domain-expert");
    }

    private String registered(String tier) {
        var name = uniqueName("life");
        assertThat(api().post("/api/v1/models", erin(), registration(name, tier)).status()).isEqualTo(201);
        return name;
    }

    private int submit(String name, double auc) {
        var response = api().post("/api/v1/models/" + name + "/versions", erin(), submission(auc));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("version").asInt();
    }

    /** Waits for the lifecycle's asynchronous steps (the engine's job executor) to bring a version to a state. */
    private JsonNode awaitState(String name, int version, String state) {
        var deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode current;
        do {
            current = api().get("/api/v1/models/" + name + "/versions/" + version, dana()).json();
            if (state.equals(current.path("state").asText())) {
                return current;
            }
            sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("version " + name + "/" + version + " did not reach " + state + ": " + current);
    }

    /** The newest step on a version's timeline. */
    private JsonNode lastStep(String name, int version) {
        var timeline = api().get("/api/v1/models/" + name + "/versions/" + version + "/timeline", dana()).json();
        assertThat(timeline.size()).isPositive();
        return timeline.get(timeline.size() - 1);
    }

    private JsonNode taskFor(String token, String name, int version) {
        var deadline = Instant.now().plus(Duration.ofSeconds(10));
        do {
            for (var task : api().get("/api/v1/tasks?model=" + name, token).json().path("items")) {
                if (task.path("model").asText().equals(name) && task.path("version").asInt() == version) {
                    return task;
                }
            }
            sleep(100);
        } while (Instant.now().isBefore(deadline));
        return null;
    }

    private Api.Response decide(String token, String taskId, String decision, String comment) {
        var body = "{\"decision\": \"" + decision + "\", \"comment\": \""
                + (comment == null ? "Decided on the evidence shown" : comment) + "\"}";
        return api().post("/api/v1/tasks/" + taskId + "/decision", token, body);
    }

    @Test
    void aLowRiskVersionIsValidatedApprovedAndServes() {
        var name = registered("LOW");
        submit(name, 0.91);
        var pending = awaitState(name, 1, "PENDING_APPROVAL");
        assertThat(pending.path("policy").path("name").asText()).isEqualTo("low-risk");
        assertThat(pending.path("policy").path("sha256").asText()).hasSize(64);
        assertThat(pending.path("validation").path("outcome").asText()).isEqualTo("PASSED");
        assertThat(pending.path("validation").path("rules")).anySatisfy(rule -> {
            assertThat(rule.path("rule").asText()).isEqualTo("kpi:auc");
            assertThat(rule.path("actual").asText()).isEqualTo("0.91");
            assertThat(rule.path("threshold").asText()).isEqualTo(">= 0.6");
        });
        assertThat(pending.path("challenge").path("outcome").asText()).isEqualTo("SKIPPED");

        var task = taskFor(dana(), name, 1);
        assertThat(task).isNotNull();
        assertThat(task.path("riskTier").asText()).isEqualTo("LOW");
        assertThat(task.path("challenger").path("metrics").path("auc").asDouble()).isEqualTo(0.91);
        assertThat(task.path("champion").isNull()).isTrue();
        assertThat(taskFor(erin(), name, 1)).as("an ml-engineer is not offered the decision").isNull();

        var decided = decide(dana(), task.path("id").asText(), "APPROVE", "Looks good");
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        assertThat(awaitState(name, 1, "CHAMPION").path("stateReason").asText()).isEqualTo("first champion");
        var deployment = api().get("/api/v1/models/" + name + "/deployment", dana()).json();
        assertThat(deployment.path("serving")).hasSize(1);
        assertThat(deployment.path("serving").get(0).path("percent").asInt()).isEqualTo(100);

        var again = decide(dave(), task.path("id").asText(), "APPROVE", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.field("type")).isEqualTo("/problems/task-already-decided");

        var timeline = api().get("/api/v1/models/" + name + "/versions/1/timeline", dana()).json();
        var actions = new ArrayList<String>();
        timeline.forEach(step -> actions.add(step.path("action").asText()));
        assertThat(actions).containsSubsequence("version.submitted", "version.state-changed", "policy.pinned",
                "verdict.validation", "verdict.champion-challenger", "approval.decided");
        assertThat(actions.getLast()).isEqualTo("version.state-changed");

        var carl = IDP.tokenFor("carl", "compliance-officer");
        var bundle = api().get("/api/v1/audit/evidence/" + name + "/1", carl);
        assertThat(bundle.status()).as(bundle.body()).isEqualTo(200);
        assertThat(bundle.json().path("policy").path("content").asText()).contains("name: low-risk");
        assertThat(bundle.json().path("policy").path("sha256").asText())
                .isEqualTo(pending.path("policy").path("sha256").asText());
        assertThat(bundle.json().path("approvers").get(0).path("username").asText()).isEqualTo("dana");
        assertThat(bundle.json().path("approvers").get(0).path("comment").asText()).isEqualTo("Looks good");
        assertThat(bundle.json().path("digests").path("artifactSha256").asText()).isEqualTo("a".repeat(64));
        assertThat(bundle.json().path("validation").path("outcome").asText()).isEqualTo("PASSED");
        assertThat(bundle.json().path("auditEvents").get(0).path("hash").asText()).hasSize(64);
        assertThat(api().get("/api/v1/audit/evidence/" + name + "/1", dana()).status()).isEqualTo(403);
    }

    @Test
    void aBetterChallengerSupersedesTheChampionAndARollbackRestoresIt() {
        var name = registered("LOW");
        submit(name, 0.80);
        awaitState(name, 1, "PENDING_APPROVAL");
        decide(dana(), taskFor(dana(), name, 1).path("id").asText(), "APPROVE", null);
        awaitState(name, 1, "CHAMPION");

        submit(name, 0.86);
        var pending = awaitState(name, 2, "PENDING_APPROVAL");
        assertThat(pending.path("challenge").path("outcome").asText()).isEqualTo("PASSED");
        assertThat(pending.path("championVersion").asInt()).isEqualTo(1);
        var task = taskFor(dave(), name, 2);
        assertThat(task.path("champion").path("version").asInt()).isEqualTo(1);
        assertThat(task.path("deltas").path("auc").asDouble()).isCloseTo(0.06, org.assertj.core.data.Offset
                .offset(1e-9));
        decide(dave(), task.path("id").asText(), "APPROVE", null);
        awaitState(name, 2, "CHAMPION");
        assertThat(awaitState(name, 1, "SUPERSEDED").path("stateReason").asText())
                .isEqualTo("superseded by version 2");

        var noReason = api().post("/api/v1/models/" + name + "/rollback", dana(), "{}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(api().post("/api/v1/models/" + name + "/rollback", erin(),
                "{\"reason\": \"x\", \"expectedVersion\": 2}").status())
                .isEqualTo(403);
        var rolledBack = api().post("/api/v1/models/" + name + "/rollback", dana(),
                "{\"reason\": \"complaints from the call centre\", \"expectedVersion\": 2}");
        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
        assertThat(rolledBack.json().path("version").asInt()).isEqualTo(2);
        assertThat(rolledBack.json().path("servingVersion").asInt()).isEqualTo(1);
        awaitState(name, 1, "CHAMPION");
        assertThat(awaitState(name, 2, "ROLLED_BACK").path("stateReason").asText())
                .contains("complaints from the call centre");
        var rolledBackStep = lastStep(name, 2);
        assertThat(rolledBackStep.path("actor").asText()).isEqualTo("dana");
        assertThat(rolledBackStep.path("details").path("from").asText()).isEqualTo("CHAMPION");
        assertThat(rolledBackStep.path("details").path("to").asText()).isEqualTo("ROLLED_BACK");
        assertThat(rolledBackStep.path("details").path("reason").asText()).contains("complaints from the call centre");
        assertThat(lastStep(name, 1).path("details").path("to").asText()).isEqualTo("CHAMPION");
        var serving = api().get("/api/v1/models/" + name + "/deployment", dana()).json().path("serving");
        assertThat(serving.get(0).path("version").asInt()).isEqualTo(1);

        var refused = api().post("/api/v1/models/" + name + "/versions/1/retire", dana(),
                "{\"reason\": \"old\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.field("type")).isEqualTo("/problems/serving-version");
        var retired = api().post("/api/v1/models/" + name + "/versions/2/retire", dana(),
                "{\"reason\": \"superseded for good\"}");
        assertThat(retired.status()).as(retired.body()).isEqualTo(200);
        assertThat(awaitState(name, 2, "RETIRED").path("artifactSha256").asText()).hasSize(64);
    }

    @Test
    void aChallengerMeasuredOnAnotherDatasetWaitsForAnEvaluationOnTheChampionsDataset() {
        var name = registered("LOW");
        submit(name, 0.80);
        awaitState(name, 1, "PENDING_APPROVAL");
        decide(dana(), taskFor(dana(), name, 1).path("id").asText(), "APPROVE", null);
        awaitState(name, 1, "CHAMPION");

        var otherDataset = submission(0.85).replace("c".repeat(64), "d".repeat(64));
        assertThat(api().post("/api/v1/models/" + name + "/versions", erin(), otherDataset).status()).isEqualTo(201);
        var waiting = awaitState(name, 2, "CHALLENGING");
        awaitChallenge(name, 2, "AWAITING_EVALUATION");

        var report = api().post("/api/v1/models/" + name + "/versions/2/evaluations", erin(), """
                {"evaluationData": {"uri": "s3://data/eval.parquet", "sha256": "%s"},
                 "metrics": {"auc": 0.83, "f1": 0.8}}""".formatted("c".repeat(64)));
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        var pending = awaitState(name, 2, "PENDING_APPROVAL");
        assertThat(pending.path("challenge").path("outcome").asText()).isEqualTo("PASSED");
        assertThat(pending.path("challenge").path("rules").get(0).path("actual").asText()).isEqualTo("+0.03");
        assertThat(waiting.path("version").asInt()).isEqualTo(2);
    }

    private JsonNode awaitChallenge(String name, int version, String outcome) {
        var deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            var current = api().get("/api/v1/models/" + name + "/versions/" + version, dana()).json();
            if (outcome.equals(current.path("challenge").path("outcome").asText())) {
                return current;
            }
            sleep(100);
        }
        throw new AssertionError("no " + outcome + " challenge for " + name + "/" + version);
    }

    @Test
    void aVersionBelowItsPolicysKpiIsRejectedWithTheRuleValueAndThreshold() {
        var name = registered("LOW");
        submit(name, 0.55);
        var rejected = awaitState(name, 1, "REJECTED");
        assertThat(rejected.path("stateReason").asText()).isEqualTo("validation: auc is 0.55, below the minimum 0.6");
        assertThat(rejected.path("validation").path("outcome").asText()).isEqualTo("FAILED");
        assertThat(rejected.path("validation").path("rules")).anySatisfy(rule -> {
            assertThat(rule.path("rule").asText()).isEqualTo("kpi:auc");
            assertThat(rule.path("passed").asBoolean()).isFalse();
            assertThat(rule.path("actual").asText()).isEqualTo("0.55");
        });
        assertThat(Database.count("SELECT count(*) FROM act_ru_execution WHERE business_key_ = ?", name + "/1"))
                .as("the lifecycle ended").isZero();
    }

    @Test
    void aHighRiskVersionNeedsTwoIndependentApprovalsAndThenRollsOutInStages() {
        var name = registered("HIGH");
        submit(name, 0.91);
        awaitState(name, 1, "PENDING_APPROVAL");
        var task = taskFor(dana(), name, 1);
        assertThat(task.path("approvalsRequired").asInt()).isEqualTo(2);
        assertThat(task.path("validation").path("rules")).anySatisfy(
                rule -> assertThat(rule.path("rule").asText()).isEqualTo("fairness:recall"));

        var submitterAsExpert = IDP.tokenFor("erin", "ml-engineer", "domain-expert");
        var own = decide(submitterAsExpert, task.path("id").asText(), "APPROVE", null);
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.field("type")).isEqualTo("/problems/separation-of-duties");
        var ownerTeam = IDP.tokenForTeamMember("olga", List.of("risk-analytics"), "domain-expert");
        assertThat(taskFor(ownerTeam, name, 1)).as("not offered to the owner team").isNull();
        assertThat(decide(ownerTeam, task.path("id").asText(), "APPROVE", null).field("type"))
                .isEqualTo("/problems/separation-of-duties");
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE action = 'approval.refused'"
                + " AND subject_id = ?", name + "/1")).isEqualTo(2);

        assertThat(decide(dana(), task.path("id").asText(), "APPROVE", null).status()).isEqualTo(200);
        assertThat(awaitState(name, 1, "PENDING_APPROVAL").path("state").asText()).isEqualTo("PENDING_APPROVAL");
        var second = taskFor(dave(), name, 1);
        assertThat(second.path("approvalsSoFar").asInt()).isEqualTo(1);
        var twice = decide(dana(), second.path("id").asText(), "APPROVE", null);
        assertThat(twice.status()).isEqualTo(403);
        assertThat(twice.field("type")).isEqualTo("/problems/one-person-counts-once");

        assertThat(decide(dave(), second.path("id").asText(), "APPROVE", null).status()).isEqualTo(200);
        awaitState(name, 1, "ROLLING_OUT");
        var serving = api().get("/api/v1/models/" + name + "/deployment", dana()).json().path("serving");
        assertThat(serving.get(0).path("version").asInt()).isEqualTo(1);
    }

    @Test
    void approvalsAndRejectionsBothNeedACommentAndARejectionEndsTheVersion() {
        var name = registered("LOW");
        submit(name, 0.9);
        awaitState(name, 1, "PENDING_APPROVAL");
        var task = taskFor(dana(), name, 1).path("id").asText();
        for (var body : List.of("{\"decision\": \"REJECT\"}", "{\"decision\": \"APPROVE\"}",
                "{\"decision\": \"APPROVE\", \"comment\": \"  \"}")) {
            var bare = api().post("/api/v1/tasks/" + task + "/decision", dana(), body);
            assertThat(bare.status()).as(body).isEqualTo(400);
            assertThat(bare.json().path("errors").get(0).path("field").asText()).isEqualTo("comment");
        }
        assertThat(Database.count("SELECT count(*) FROM approval_decisions WHERE task_id = ?", task)).isZero();
        assertThat(decide(dana(), task, "REJECT", "Intended use is not covered by the training data").status())
                .isEqualTo(200);
        assertThat(awaitState(name, 1, "REJECTED").path("stateReason").asText())
                .isEqualTo("approval: rejected by dana: Intended use is not covered by the training data");
    }

    @Test
    void concurrentDecisionsOnOneTaskCountOnce() throws Exception {
        var name = registered("LOW");
        submit(name, 0.9);
        awaitState(name, 1, "PENDING_APPROVAL");
        var task = taskFor(dana(), name, 1).path("id").asText();
        var statuses = Concurrently.run(6, i -> decide(i % 2 == 0 ? dana() : dave(), task, "APPROVE", null)
                .status());
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(5);
        assertThat(Database.count("SELECT count(*) FROM approval_decisions WHERE task_id = ?", task)).isEqualTo(1);
        awaitState(name, 1, "CHAMPION");
    }

    @Test
    void concurrentPromotionsLeaveExactlyOneChampionAndTheOtherIsComparedWithIt() throws Exception {
        var name = registered("LOW");
        submit(name, 0.9);
        submit(name, 0.9);
        awaitState(name, 1, "PENDING_APPROVAL");
        awaitState(name, 2, "PENDING_APPROVAL");
        var tasks = List.of(taskFor(dana(), name, 1).path("id").asText(), taskFor(dana(), name, 2).path("id")
                .asText());
        var responses = Concurrently.run(2, i -> decide(dana(), tasks.get(i), "APPROVE", null));
        assertThat(responses).filteredOn(response -> response.status() == 200).hasSize(1);
        var withdrawn = responses.stream().filter(response -> response.status() != 200).findFirst().orElseThrow();
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(409);
        assertThat(withdrawn.field("type")).isEqualTo("/problems/task-withdrawn");
        assertThat(Database.count("SELECT count(*) FROM model_versions v JOIN registered_models m"
                + " ON m.id = v.model_id WHERE m.name = ? AND v.state = 'CHAMPION'", name)).isEqualTo(1);
        int champion = api().get("/api/v1/models/" + name + "/deployment", dana()).json().path("serving").get(0)
                .path("version").asInt();
        int other = 3 - champion;
        var compared = awaitState(name, other, "PENDING_APPROVAL");
        assertThat(compared.path("championVersion").asInt()).as("compared again, with the new champion")
                .isEqualTo(champion);
        assertThat(compared.path("challenge").path("outcome").asText()).isEqualTo("PASSED");
        var reopened = taskFor(dana(), name, other);
        assertThat(reopened.path("reopenedBecause").asText()).isEqualTo("version " + champion
                + " became champion");
        assertThat(reopened.path("champion").path("version").asInt()).isEqualTo(champion);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
