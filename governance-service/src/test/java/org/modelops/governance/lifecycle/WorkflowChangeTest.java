package org.modelops.governance.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelops.governance.lifecycle.Lifecycles.ada;
import static org.modelops.governance.lifecycle.Lifecycles.dana;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelops.governance.testing.Api;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.TestIdentityProvider;

/**
 * The flow lives in the BPMN and the state lives in the database: a changed BPMN file changes behaviour without any
 * Java change, and a service restarted in the middle of a lifecycle carries on where it stopped.
 */
class WorkflowChangeTest {

    private static final TestIdentityProvider IDP = TestIdentityProvider.get();

    private static EmbeddedServer start(Map<String, Object> extra) {
        var properties = new HashMap<String, Object>(Map.of("governance.oidc.issuer", IDP.issuer()));
        properties.putAll(extra);
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    private static String erin() {
        return IDP.tokenForTeamMember("erin", List.of("risk-analytics"), "ml-engineer");
    }

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void register(Api api, String name) {
        assertThat(api.post("/api/v1/models", erin(), """
                {"name": "%s", "description": "d", "ownerTeam": "risk-analytics", "riskTier": "LOW"}"""
                .formatted(name)).status()).isEqualTo(201);
    }

    private static void submit(Api api, String name, double auc) {
        var response = api.post("/api/v1/models/" + name + "/versions", erin(), """
                {"artifactUri": "s3://m/%1$s.onnx", "artifactSha256": "%2$s", "framework": "onnx",
                 "description": "d", "evaluationData": {"uri": "s3://eval", "sha256": "%3$s"},
                 "metrics": {"auc": %4$s}}""".formatted(name, "a".repeat(64), "c".repeat(64), auc));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    @Test
    void aModifiedBpmnWithoutChampionChallengerLetsAWorseChallengerReachApproval(@TempDir Path workflows)
            throws Exception {
        var original = Files.readString(Path.of(System.getProperty("workflows.dir"),
                "model-version-lifecycle.bpmn20.xml"));
        var withoutChallenge = original.replace(
                "<sequenceFlow id=\"validationPassed\" sourceRef=\"validated\" targetRef=\"enterChallenge\">",
                "<sequenceFlow id=\"validationPassed\" sourceRef=\"validated\" targetRef=\"needsApproval\">");
        assertThat(withoutChallenge).isNotEqualTo(original);
        Files.writeString(workflows.resolve("model-version-lifecycle.bpmn20.xml"), withoutChallenge);

        var server = start(Map.of("governance.workflow.directory", workflows.toString()));
        try {
            var api = new Api(server.getURI());
            var lifecycles = new Lifecycles(api);
            var name = name("nochallenge");
            register(api, name);
            submit(api, name, 0.80);
            lifecycles.awaitState(name, 1, "PENDING_APPROVAL");
            lifecycles.approveAs(dana(), name, 1);
            lifecycles.awaitState(name, 1, "CHAMPION");
            submit(api, name, 0.70);
            var pending = lifecycles.awaitState(name, 2, "PENDING_APPROVAL");
            assertThat(pending.path("challenge").isNull()).as("no comparison ran").isTrue();
        } finally {
            server.getApplicationContext().close();
        }
    }

    @Test
    void aRestartInTheMiddleOfARolloutKeepsTheStateAndThePendingTimerFiresOnce() {
        var name = name("restart");
        var first = start(Map.of());
        try {
            var api = new Api(first.getURI());
            var policy = api.post("/api/v1/policies", ada(), """
                    name: slow-canary-%1$s
                    appliesTo:
                      models: [%1$s]
                    approvals:
                      count: 1
                      roles: [domain-expert]
                    rollout:
                      strategy: STAGED
                      steps:
                        - { percent: 25, bake: PT4S }
                    """.formatted(name), Map.of("Content-Type", "application/yaml"));
            assertThat(policy.status()).as(policy.body()).isEqualTo(201);
            register(api, name);
            submit(api, name, 0.9);
            var lifecycles = new Lifecycles(api);
            lifecycles.awaitState(name, 1, "PENDING_APPROVAL");
            lifecycles.approveAs(dana(), name, 1);
            lifecycles.awaitState(name, 1, "ROLLING_OUT");
        } finally {
            first.getApplicationContext().close();
        }
        assertThat(Database.count("SELECT count(*) FROM act_ru_timer_job WHERE process_instance_id_ IN"
                + " (SELECT proc_inst_id_ FROM act_hi_procinst WHERE business_key_ = ?)", name + "/1"))
                .as("the bake timer waits in the database while no service runs").isEqualTo(1);

        var second = start(Map.of());
        try {
            var lifecycles = new Lifecycles(new Api(second.getURI()));
            lifecycles.awaitState(name, 1, "CHAMPION");
            Lifecycles.sleep(1500);
            assertThat(Database.count("SELECT count(*) FROM audit_events WHERE subject_id = ?"
                    + " AND action = 'version.state-changed' AND details ->> 'to' = 'CHAMPION'", name + "/1"))
                    .isEqualTo(1);
            assertThat(Database.count("SELECT count(*) FROM audit_events WHERE subject_id = ?"
                    + " AND action = 'rollout.step'", name + "/1")).isEqualTo(1);
        } finally {
            second.getApplicationContext().close();
        }
    }
}
