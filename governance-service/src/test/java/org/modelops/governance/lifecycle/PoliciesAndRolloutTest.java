package org.modelops.governance.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelops.governance.lifecycle.Lifecycles.ada;
import static org.modelops.governance.lifecycle.Lifecycles.dana;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelops.governance.testing.Api;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;

@MicronautTest
class PoliciesAndRolloutTest extends ServiceTest {

    private Lifecycles lifecycles() {
        return new Lifecycles(api());
    }

    private static String stagedPolicyFor(String model, int approvals) {
        return """
                name: canary-%1$s
                description: Fast canary for tests
                appliesTo:
                  models: [%1$s]
                requiredMetadata: [description]
                kpis:
                  auc: { min: 0.5 }
                approvals:
                  count: %2$d
                  roles: [domain-expert]
                rollout:
                  strategy: STAGED
                  steps:
                    - { percent: 20, bake: PT1S }
                    - { percent: 60, bake: PT1S }
                """.formatted(model, approvals);
    }

    private Api.Response publish(String token, String yaml) {
        return api().post("/api/v1/policies", token, yaml, Map.of("Content-Type", "application/yaml"));
    }

    @Test
    void anAdminPublishesVersionsAndTheSameTextPublishesNothing() {
        var model = uniqueName("pol");
        var first = publish(ada(), stagedPolicyFor(model, 1));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("version").asInt()).isEqualTo(1);
        assertThat(first.field("sha256")).hasSize(64);
        var same = publish(ada(), stagedPolicyFor(model, 1));
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().path("version").asInt()).isEqualTo(1);
        var second = publish(ada(), stagedPolicyFor(model, 2));
        assertThat(second.json().path("version").asInt()).isEqualTo(2);

        var history = api().get("/api/v1/policies/canary-" + model, dana()).json();
        assertThat(history.path("versions")).hasSize(2);
        assertThat(history.path("latest").path("content").asText()).contains("count: 2");
        assertThat(api().get("/api/v1/policies/canary-" + model + "/versions/1", dana()).json().path("content")
                .asText()).contains("count: 1");
        assertThat(api().get("/api/v1/policies", dana()).json().path("items").toString())
                .contains("high-risk", "medium-risk", "low-risk");
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE action = 'policy.published'"
                + " AND subject_id = ?", "canary-" + model)).isEqualTo(2);
    }

    @Test
    void onlyGovernanceAdminsPublishAndBadPoliciesNameTheField() {
        var model = uniqueName("pol");
        assertThat(publish(erin(), stagedPolicyFor(model, 1)).status()).isEqualTo(403);
        var badCel = publish(ada(), stagedPolicyFor(model, 1)
                + "conditions:\n  - name: broken\n    expression: \"metrics.auc >\"\n");
        assertThat(badCel.status()).isEqualTo(400);
        assertThat(badCel.json().path("errors").get(0).path("field").asText()).isEqualTo("conditions[0].expression");
        assertThat(badCel.json().path("errors").get(0).path("rule").asText()).isEqualTo("cel");
        var badDuration = publish(ada(), stagedPolicyFor(model, 1).replace("PT1S", "one second"));
        assertThat(badDuration.json().path("errors").get(0).path("field").asText())
                .isEqualTo("rollout.steps[0].bake");
        var notYaml = publish(ada(), "name: [unclosed");
        assertThat(notYaml.json().path("errors").get(0).path("rule").asText()).isEqualTo("yaml-syntax");
    }

    @Test
    void anOverdueDecisionRemindsTheApproversAndIsEscalatedToGovernanceAdmins() {
        var model = uniqueName("sla");
        var policy = """
                name: sla-%1$s
                appliesTo:
                  models: [%1$s]
                approvals:
                  count: 1
                  roles: [domain-expert]
                  reminderAfter: PT1S
                  escalateAfter: PT2S
                rollout:
                  strategy: DIRECT
                """.formatted(model);
        assertThat(publish(ada(), policy).status()).isEqualTo(201);
        assertThat(api().post("/api/v1/models", erin(), registration(model, "LOW")).status()).isEqualTo(201);
        assertThat(api().post("/api/v1/models/" + model + "/versions", erin(), submission(0.7)).status())
                .isEqualTo(201);
        lifecycles().awaitState(model, 1, "PENDING_APPROVAL");
        var deadline = java.time.Instant.now().plusSeconds(30);
        while (Database.count("SELECT count(*) FROM audit_events WHERE action = 'approval.escalated'"
                + " AND subject_id = ?", model + "/1") == 0 && java.time.Instant.now().isBefore(deadline)) {
            Lifecycles.sleep(200);
        }
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE action = 'approval.reminded'"
                + " AND subject_id = ?", model + "/1")).isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE action = 'approval.escalated'"
                + " AND subject_id = ?", model + "/1")).isEqualTo(1);
        var adminInbox = api().get("/api/v1/tasks?model=" + model, ada()).json().path("items").toString();
        assertThat(adminInbox).contains("\"model\":\"" + model + "\"").contains("\"escalated\":true");
        lifecycles().approveAs(ada(), model, 1);
        lifecycles().awaitState(model, 1, "CHAMPION");
    }

    @Test
    void aStagedRolloutShiftsTrafficOnTimersAndTheLifecycleKeepsItsPinnedPolicy() {
        var model = uniqueName("canary");
        assertThat(publish(ada(), stagedPolicyFor(model, 1)).status()).isEqualTo(201);
        assertThat(api().post("/api/v1/models", erin(), registration(model, "HIGH")).status()).isEqualTo(201);
        assertThat(api().post("/api/v1/models/" + model + "/versions", erin(), submission(0.7)).status())
                .isEqualTo(201);
        var pending = lifecycles().awaitState(model, 1, "PENDING_APPROVAL");
        assertThat(pending.path("policy").path("name").asText()).isEqualTo("canary-" + model);
        assertThat(pending.path("policy").path("version").asInt()).isEqualTo(1);

        assertThat(publish(ada(), stagedPolicyFor(model, 3)).json().path("version").asInt()).isEqualTo(2);
        lifecycles().approveAs(dana(), model, 1);
        lifecycles().awaitState(model, 1, "CHAMPION");
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE action = 'rollout.step'"
                + " AND subject_id = ?", model + "/1")).isEqualTo(2);
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE action = 'approval.decided'"
                + " AND subject_id = ?", model + "/1")).as("one approval, as version 1 of the policy says")
                .isEqualTo(1);
        assertThat(api().get("/api/v1/models/" + model + "/deployment", dana()).json().path("serving").get(0)
                .path("percent").asInt()).isEqualTo(100);
    }
}
