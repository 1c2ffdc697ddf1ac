package org.modelops.governance.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.modelops.governance.lifecycle.Lifecycles;
import org.modelops.governance.testing.Api;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ReplicaProcess;
import org.modelops.governance.testing.TestIdentityProvider;

/**
 * Replicas in JVMs of their own, killed (SIGKILL) or stopped (SIGTERM) in the middle of work: what they held is taken
 * over, what they were answering is answered, and the audit chain has every event once.
 */
class ReplicaCrashTest {

    private static final TestIdentityProvider IDP = TestIdentityProvider.get();
    /** Test-scale job lock: production's is 30 s (docs/operations.md); the mechanism is the same. */
    private static final Map<String, String> SHORT_JOB_LOCKS = Map.of("governance.workflow.job-lock-time", "5s",
            "governance.workflow.expired-jobs-interval", "1s");

    @Test
    void theJobsOfAKilledReplicaAreFinishedByAnotherOnceEachAndTheChainVerifies() throws Exception {
        var name = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        try (var doomed = ReplicaProcess.start("killed-" + name, SHORT_JOB_LOCKS)) {
            var api = new Api(doomed.uri());
            var policy = api.post("/api/v1/policies", Lifecycles.ada(), """
                    name: crash-canary-%1$s
                    appliesTo:
                      models: [%1$s]
                    approvals:
                      count: 1
                      roles: [domain-expert]
                    rollout:
                      strategy: STAGED
                      steps:
                        - { percent: 25, bake: PT2S }
                    """.formatted(name), Map.of("Content-Type", "application/yaml"));
            assertThat(policy.status()).as(policy.body()).isEqualTo(201);
            register(api, name);
            submit(api, name);
            var lifecycles = new Lifecycles(api);
            lifecycles.awaitState(name, 1, "PENDING_APPROVAL");
            lifecycles.approveAs(Lifecycles.dana(), name, 1);
            lifecycles.awaitState(name, 1, "ROLLING_OUT");

            // The model's row, which the bake timer's step locks first: the doomed replica takes the timer and waits.
            try (var holder = lockModel(name)) {
                awaitJobLockedBySomeone(name);
                var survivor = startSurvivor();
                try {
                    doomed.kill();
                    var killedAt = Instant.now();
                    holder.rollback();
                    var survivorApi = new Api(survivor.getURI());
                    new Lifecycles(survivorApi).awaitState(name, 1, "CHAMPION");
                    System.out.printf("killed replica: its job finished on the survivor %d ms after the kill%n",
                            Duration.between(killedAt, Instant.now()).toMillis());
                    Lifecycles.sleep(1500);
                    assertThat(Database.count("SELECT count(*) FROM audit_events WHERE subject_id = ?"
                            + " AND action = 'rollout.step'", name + "/1")).isEqualTo(1);
                    assertThat(Database.count("SELECT count(*) FROM audit_events WHERE subject_id = ?"
                            + " AND action = 'version.state-changed' AND details ->> 'to' = 'CHAMPION'", name + "/1"))
                            .isEqualTo(1);
                    assertThat(Database.count("SELECT count(*) FROM (SELECT action, details FROM audit_events"
                            + " WHERE subject_id = ? GROUP BY action, details HAVING count(*) > 1) twice",
                            name + "/1")).as("no event twice").isZero();
                    var verified = survivorApi.get("/api/v1/audit/verify", Lifecycles.ada());
                    assertThat(verified.json().path("ok").asBoolean()).as(verified.body()).isTrue();

                } finally {
                    survivor.getApplicationContext().close();
                }
            }
        }
    }

    @Test
    void aStoppedReplicaAnswersTheRequestInFlightAndLeavesNoJobLocked() throws Exception {
        var name = "stop-" + UUID.randomUUID().toString().substring(0, 8);
        try (var stopping = ReplicaProcess.start("stopped-" + name, SHORT_JOB_LOCKS)) {
            var api = new Api(stopping.uri());
            register(api, name);
            Api.Response answer;
            try (var holder = lockModel(name)) {
                var inFlight = CompletableFuture.supplyAsync(() -> api.post("/api/v1/models/" + name + "/versions",
                        erin(), submission(name)));
                awaitWaitingForLock();
                var stopped = CompletableFuture.supplyAsync(() -> stopping.terminate(Duration.ofSeconds(40)));
                Lifecycles.sleep(1000);
                holder.rollback();
                answer = inFlight.get(30, TimeUnit.SECONDS);
                var exited = stopped.get(45, TimeUnit.SECONDS);
                System.out.printf("graceful stop: the request in flight answered %d; the replica exited %d ms"
                        + " after SIGTERM%n", answer.status(), exited.toMillis());
            }
            assertThat(answer.status()).as(answer.body() + stopping.log()).isEqualTo(201);
            assertThat(Database.count("SELECT count(*) FROM act_ru_job j JOIN act_hi_procinst p"
                    + " ON p.proc_inst_id_ = j.process_instance_id_ WHERE p.business_key_ = ?"
                    + " AND j.lock_owner_ IS NOT NULL", name + "/1"))
                    .as("no job left locked by the stopped replica").isZero();
            assertThat(Database.count("SELECT count(*) FROM act_ru_job j JOIN act_hi_procinst p"
                    + " ON p.proc_inst_id_ = j.process_instance_id_ WHERE p.business_key_ = ?", name + "/1"))
                    .as("its validation waits, unlocked, for any replica").isEqualTo(1);
        }
        var survivor = startSurvivor();
        try {
            new Lifecycles(new Api(survivor.getURI())).awaitState(name, 1, "PENDING_APPROVAL");
        } finally {
            survivor.getApplicationContext().close();
        }
    }

    private static EmbeddedServer startSurvivor() {
        var properties = new java.util.HashMap<String, Object>(SHORT_JOB_LOCKS);
        properties.put("governance.oidc.issuer", IDP.issuer());
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    private static Connection lockModel(String name) throws Exception {
        var holder = Database.connect();
        holder.setAutoCommit(false);
        try (var lock = holder.prepareStatement("SELECT id FROM registered_models WHERE name = ? FOR UPDATE")) {
            lock.setString(1, name);
            lock.executeQuery().close();
        }
        return holder;
    }

    private static void awaitJobLockedBySomeone(String name) {
        var deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Database.count("SELECT count(*) FROM (SELECT process_instance_id_, lock_owner_ FROM act_ru_job"
                + " UNION ALL SELECT process_instance_id_, lock_owner_ FROM act_ru_timer_job) j JOIN act_hi_procinst p"
                + " ON p.proc_inst_id_ = j.process_instance_id_ WHERE p.business_key_ = ? AND j.lock_owner_ IS NOT NULL",
                name + "/1") == 0 || Database.count("SELECT count(*) FROM pg_locks WHERE NOT granted") == 0) {
            assertThat(Instant.now()).as("the replica took the timer's job").isBefore(deadline);
            Lifecycles.sleep(100);
        }
    }

    private static void awaitWaitingForLock() {
        var deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Database.count("SELECT count(*) FROM pg_locks WHERE NOT granted") == 0) {
            assertThat(Instant.now()).as("the request reached the model's lock").isBefore(deadline);
            Lifecycles.sleep(50);
        }
    }

    private static void register(Api api, String name) {
        var registered = api.post("/api/v1/models", erin(), """
                {"name": "%s", "description": "d", "ownerTeam": "risk-analytics", "riskTier": "LOW"}"""
                .formatted(name));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }

    private static void submit(Api api, String name) {
        var response = api.post("/api/v1/models/" + name + "/versions", erin(), submission(name));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private static String submission(String name) {
        return """
                {"artifactUri": "s3://m/%1$s.onnx", "artifactSha256": "%2$s", "framework": "onnx",
                 "description": "d", "evaluationData": {"uri": "s3://eval", "sha256": "%3$s"},
                 "metrics": {"auc": 0.9}}""".formatted(name, "a".repeat(64), "c".repeat(64));
    }

    private static String erin() {
        return IDP.tokenForTeamMember("erin", List.of("risk-analytics"), "ml-engineer");
    }
}
