package org.modelops.governance.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.modelops.governance.lifecycle.Lifecycles;
import org.modelops.governance.testing.Api;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;
import org.modelops.governance.testing.TcpProxy;

/**
 * Two replicas on one database; the second reaches it through a relay the test partitions in the middle of a governed
 * write's audit seal, right after that replica locked the audit chain's head. The other replica keeps writing (and
 * seals the stranded replica's committed events), and the database ends the stranded transaction by itself.
 */
@MicronautTest
class PartitionedReplicaTest extends ServiceTest {

    private static final String DATABASE_URL = System.getenv().getOrDefault("TEST_DATABASE_URL",
            "jdbc:postgresql://127.0.0.1:5432/modelops_test");
    private static final String HEAD_LOCK = "audit_chain_head WHERE id = 1 FOR UPDATE";

    @Test
    void aReplicaCutOffWhileHoldingTheAuditHeadDoesNotStopTheOthers() throws Exception {
        var ours = uniqueName("steady");
        var next = uniqueName("steady");
        var theirs = uniqueName("partitioned");
        assertThat(api().post("/api/v1/models", erin(), registration(ours, "LOW")).status()).isEqualTo(201);
        assertThat(api().post("/api/v1/models", erin(), registration(next, "LOW")).status()).isEqualTo(201);
        assertThat(api().post("/api/v1/models", erin(), registration(theirs, "LOW")).status()).isEqualTo(201);
        assertThat(api().post("/api/v1/models/" + ours + "/versions", erin(), submission(0.9)).status())
                .isEqualTo(201);
        var lifecycles = new Lifecycles(api());
        lifecycles.awaitState(ours, 1, "PENDING_APPROVAL");

        var target = URI.create(DATABASE_URL.substring("jdbc:".length()));
        try (var relay = new TcpProxy(target.getHost(), target.getPort())) {
            var partitioned = startReplicaThrough(relay, target.getPort());
            try {
                var other = new Api(partitioned.getURI());
                assertThat(other.get("/api/v1/models/" + theirs, erin()).status()).isEqualTo(200);
                relay.freezeWhenClientSends(HEAD_LOCK);
                var stranded = CompletableFuture.supplyAsync(
                        () -> other.post("/api/v1/models/" + theirs + "/versions", erin(), submission(0.9)));
                awaitFrozen(relay);

                var cutAt = Instant.now();
                var submitted = CompletableFuture.supplyAsync(
                        () -> api().post("/api/v1/models/" + next + "/versions", erin(), submission(0.91)))
                        .get(20, TimeUnit.SECONDS);
                var submittedAfter = Duration.between(cutAt, Instant.now());
                assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
                CompletableFuture.runAsync(() -> lifecycles.approveAs(Lifecycles.dana(), ours, 1))
                        .get(20, TimeUnit.SECONDS);
                var decidedAfter = Duration.between(cutAt, Instant.now());
                System.out.printf("partition: submission after %d ms, decision after %d ms%n",
                        submittedAfter.toMillis(), decidedAfter.toMillis());
                assertThat(submittedAfter).as("the idle-in-transaction timeout freed the head")
                        .isLessThan(Duration.ofSeconds(10));

                var answer = stranded.get(20, TimeUnit.SECONDS);
                System.out.printf("partition: the cut replica answered %d after %d ms%n", answer.status(),
                        Duration.between(cutAt, Instant.now()).toMillis());
                assertThat(answer.status()).as("the change committed with its events before the seal was cut")
                        .isEqualTo(201);
                assertThat(Database.count("SELECT count(*) FROM model_versions v JOIN registered_models m"
                        + " ON m.id = v.model_id WHERE m.name = ?", theirs)).isEqualTo(1);
                assertThat(Database.count("SELECT count(*) FROM audit_events WHERE subject_id = ?", theirs + "/1"))
                        .as("the steady replica sealed the stranded replica's committed events").isPositive();
                assertThat(Database.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND state = 'idle in transaction' AND now() - state_change > interval '6 seconds'"))
                        .as("no session is left idle in a transaction").isZero();
            } finally {
                relay.cut();
                partitioned.getApplicationContext().close();
            }
        }
        var verified = api().get("/api/v1/audit/verify", IDP.tokenFor("ada", "governance-admin"));
        assertThat(verified.json().path("ok").asBoolean()).as(verified.body()).isTrue();
    }

    @Test
    void aWriteThatWaitsTooLongForALockIsARetryable503() throws Exception {
        var name = uniqueName("locked");
        assertThat(api().post("/api/v1/models", erin(), registration(name, "LOW")).status()).isEqualTo(201);
        try (var holder = Database.connect()) {
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("SELECT id FROM registered_models WHERE name = ? FOR UPDATE")) {
                lock.setString(1, name);
                lock.executeQuery().close();
            }
            var started = Instant.now();
            var refused = CompletableFuture.supplyAsync(
                    () -> api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.9)))
                    .get(30, TimeUnit.SECONDS);
            System.out.printf("lock timeout: answered %d after %d ms%n", refused.status(),
                    Duration.between(started, Instant.now()).toMillis());
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.field("type")).isEqualTo("/problems/database-busy");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            holder.rollback();
        }
        assertThat(api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.9)).status())
                .isEqualTo(201);
    }

    @Test
    void aChangeWhoseSealWaitsForTheHeadCommitsAndAnswersOnceItsEventIsSealed() throws Exception {
        var name = uniqueName("queued");
        try (var holder = Database.connect()) {
            holder.setAutoCommit(false);
            holder.createStatement().executeQuery("SELECT * FROM audit_chain_head WHERE id = 1 FOR UPDATE").close();
            var registered = CompletableFuture.supplyAsync(
                    () -> api().post("/api/v1/models", erin(), registration(name, "LOW")));
            var deadline = Instant.now().plus(Duration.ofSeconds(15));
            while (Database.count("SELECT count(*) FROM audit_pending WHERE subject_id = ?", name) == 0) {
                assertThat(Instant.now()).as("the registration committed with its pending event").isBefore(deadline);
                Thread.sleep(20);
            }
            assertThat(Database.count("SELECT count(*) FROM registered_models WHERE name = ?", name))
                    .as("committed with its event, before the seal").isEqualTo(1);
            assertThat(Database.count("SELECT count(*) FROM audit_events WHERE subject_id = ?", name))
                    .as("not in the chain while the head is held").isZero();
            assertThat(registered).as("the writer waits for its seal").isNotDone();
            holder.rollback();
            var answer = registered.get(30, TimeUnit.SECONDS);
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        }
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE subject_id = ?", name))
                .as("sealed before the answer").isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM audit_pending WHERE subject_id = ?", name)).isZero();
    }

    private EmbeddedServer startReplicaThrough(TcpProxy relay, int databasePort) {
        var url = DATABASE_URL.replace(":" + databasePort + "/", ":" + relay.port() + "/");
        url += (url.contains("?") ? "&" : "?") + "prepareThreshold=0";
        return ApplicationContext.run(EmbeddedServer.class, Map.of("governance.oidc.issuer", IDP.issuer(),
                "governance.workflow.async-executor", "false", "datasources.default.url", url,
                "datasources.default.maximum-pool-size", "4",
                "datasources.default.data-source-properties.socketTimeout", "8"), "test");
    }

    /** Until the cut replica's session holds the chain's head (its SELECT … FOR UPDATE ran on the server). */
    private static void awaitFrozen(TcpProxy relay) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!relay.frozen() || Database.count("SELECT count(*) FROM pg_locks l JOIN pg_class c"
                + " ON c.oid = l.relation WHERE c.relname = 'audit_chain_head' AND l.mode = 'RowShareLock'"
                + " AND l.granted") == 0) {
            assertThat(Instant.now()).as("the replica reached the audit head").isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
