package org.modelops.governance.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.modelops.audit.AuditActor;
import org.modelops.audit.AuditEvent;
import org.modelops.audit.AuditRecord;
import org.modelops.audit.AuditSealer;
import org.modelops.audit.AuditSubject;
import org.modelops.audit.CanonicalForm;
import org.modelops.audit.JdbcAuditTrail;
import org.modelops.audit.RecordedEvent;
import org.modelops.governance.security.Actor;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Queue, then seal (docs/audit.md): events written as pending in their change's transaction, chained after its commit.
 */
@MicronautTest(transactional = false)
class AuditQueueTest extends ServiceTest {

    private static final String OWNER_PASSWORD = Objects.requireNonNullElse(
            System.getenv("TEST_DATABASE_OWNER_PASSWORD"), "modelops_owner");
    private static final String URL = Objects.requireNonNullElse(System.getenv("TEST_DATABASE_URL"),
            "jdbc:postgresql://127.0.0.1:5432/modelops_test");

    @Inject
    AuditLog audit;

    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    @Test
    void concurrentWritersMakeOneUnbrokenChainOfExactlyTheCommittedEventsEachTransactionContiguous() throws Exception {
        var subject = AuditSubject.model(uniqueName("queued"));
        int writers = 16;
        int each = 200;
        var committed = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(writers)) {
            var futures = new ArrayList<Future<?>>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    var actor = new Actor("s-" + writer, "writer-" + writer, List.of("ml-engineer"));
                    for (int t = 0; t < each; t++) {
                        boolean rollBack = t % 7 == 3;
                        int transaction = t;
                        try {
                            transactions.executeWrite(status -> {
                                for (int n = 0; n < 3; n++) {
                                    audit.record(actor, "test.queued", subject, Map.of("writer", writer, "tx",
                                            transaction, "n", n, "rolledBack", rollBack), null);
                                }
                                if (rollBack) {
                                    throw new IllegalStateException("rolled back on purpose");
                                }
                                return null;
                            });
                            committed.incrementAndGet();
                        } catch (RuntimeException expected) {
                            assertThat(rollBack).as(String.valueOf(expected)).isTrue();
                        }
                    }
                }));
            }
            for (var future : futures) {
                future.get();
            }
        }
        assertThat(committed.get()).isEqualTo(writers * (each - each / 7 - (each % 7 > 3 ? 1 : 0)));
        assertThat(Database.count("SELECT count(*) FROM audit_pending")).as("every writer sealed its own").isZero();
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE subject_id = ?", subject.id()))
                .as("exactly the committed events").isEqualTo(3L * committed.get());
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE subject_id = ?"
                + " AND (details ->> 'rolledBack')::boolean", subject.id())).as("none rolled back").isZero();
        assertThat(Database.count("SELECT count(*) FROM (SELECT details ->> 'writer', details ->> 'tx'"
                + " FROM audit_events WHERE subject_id = ? GROUP BY 1, 2"
                + " HAVING count(*) <> 3 OR max(sequence) - min(sequence) <> 2) broken", subject.id()))
                .as("each transaction's events are contiguous").isZero();
        assertThat(Database.count("SELECT count(*) FROM (SELECT (details ->> 'n')::int AS n, sequence - min(sequence)"
                + " OVER (PARTITION BY details ->> 'writer', details ->> 'tx') AS offset_in_tx FROM audit_events"
                + " WHERE subject_id = ?) e WHERE n <> offset_in_tx", subject.id()))
                .as("in the order recorded").isZero();
        assertThat(Database.count("SELECT max(sequence) - count(*) FROM audit_events")).as("no gaps").isZero();
        assertThat(Database.count("SELECT (SELECT last_sequence FROM audit_chain_head)"
                + " - (SELECT max(sequence) FROM audit_events)")).isZero();
        var verification = audit.verify(null, null);
        assertThat(verification.ok()).as(String.valueOf(verification)).isTrue();
    }

    @Test
    void eventsCommittedButNotSealedBeforeACrashAreSealedLaterInOrderAndCannotBeRemovedMeanwhile() throws Exception {
        var subject = AuditSubject.model(uniqueName("crashed"));
        var trail = new JdbcAuditTrail(null, Clock.systemUTC());
        try (var first = Database.connect(); var second = Database.connect()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            // The first transaction records before the second but commits after it; neither is sealed (the crash).
            trail.writePending(first, events(subject, "first", 2));
            trail.writePending(second, events(subject, "second", 3));
            second.commit();
            trail.writePending(first, events(subject, "first-after-flush", 1));
            first.commit();
        }
        assertThat(Database.count("SELECT count(*) FROM audit_pending WHERE subject_id = ?", subject.id()))
                .isEqualTo(6);
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE subject_id = ?", subject.id())).isZero();

        assertThatThrownBy(() -> Database.execute("DELETE FROM audit_pending WHERE subject_id = '" + subject.id()
                + "'")).as("not sealed yet").hasMessageContaining("append-only until sealed");
        assertThatThrownBy(() -> Database.execute("UPDATE audit_pending SET action = 'x' WHERE subject_id = '"
                + subject.id() + "'")).hasMessageMatching("(?s).*(permission denied|append-only).*");
        assertThatThrownBy(() -> Database.execute("TRUNCATE audit_pending"))
                .hasMessageMatching("(?s).*(permission denied|append-only).*");

        // A replica starting afterwards (a sealer of its own, on its own connection).
        try (var restarted = new AuditSealer(trail, Database::connect, null)) {
            assertThat(restarted.sealAll()).isGreaterThanOrEqualTo(6);
        }
        var sealed = new ArrayList<String>();
        try (var connection = Database.connect();
                var select = connection.prepareStatement(
                        "SELECT details ->> 'part', sequence FROM audit_events WHERE subject_id = ? ORDER BY sequence")) {
            select.setString(1, subject.id());
            try (var rs = select.executeQuery()) {
                long previous = -1;
                while (rs.next()) {
                    sealed.add(rs.getString(1));
                    assertThat(previous == -1 || rs.getLong(2) == previous + 1).as("contiguous").isTrue();
                    previous = rs.getLong(2);
                }
            }
        }
        assertThat(sealed).as("transaction by transaction, in the order of their first event, each in its order")
                .containsExactly("first-0", "first-1", "first-after-flush-0", "second-0", "second-1", "second-2");
        assertThat(Database.count("SELECT count(*) FROM audit_pending WHERE subject_id = ?", subject.id())).isZero();
        var verification = audit.verify(null, null);
        assertThat(verification.ok()).as(String.valueOf(verification)).isTrue();
    }

    @Test
    void theMigrationKeepsAnExistingChainAndItsHashesAndNewEventsChainOnToIt() throws Exception {
        var schema = "audit_migration_" + UUID.randomUUID().toString().substring(0, 8);
        var flyway = Flyway.configure().dataSource(URL, "modelops_owner", OWNER_PASSWORD).schemas(schema)
                .locations("classpath:db/migration");
        try {
            flyway.target("70").load().migrate();
            var dataSource = new PGSimpleDataSource();
            dataSource.setUrl(URL);
            dataSource.setUser("modelops_owner");
            dataSource.setPassword(OWNER_PASSWORD);
            dataSource.setCurrentSchema(schema);
            var old = new ArrayList<AuditEvent>();
            try (var connection = dataSource.getConnection()) {
                String previous = AuditEvent.GENESIS_HASH;
                for (int sequence = 1; sequence <= 3; sequence++) {
                    var unsealed = new AuditEvent(sequence, Instant.parse("2026-11-23T10:00:0" + sequence + "Z"),
                            new AuditActor("s-1", "erin", List.of("ml-engineer")), "model.registered",
                            AuditSubject.model("old-" + sequence), Map.of("riskTier", "HIGH"), null, previous, null);
                    var event = new AuditEvent(sequence, unsealed.occurredAt(), unsealed.actor(), unsealed.action(),
                            unsealed.subject(), unsealed.details(), null, previous, CanonicalForm.hash(unsealed));
                    insertAsBeforeV95(connection, event);
                    old.add(event);
                    previous = event.hash();
                }
                try (var head = connection.prepareStatement(
                        "UPDATE audit_chain_head SET last_sequence = 3, last_hash = ? WHERE id = 1")) {
                    head.setString(1, previous);
                    head.executeUpdate();
                }
            }

            Flyway.configure().dataSource(URL, "modelops_owner", OWNER_PASSWORD).schemas(schema)
                    .locations("classpath:db/migration").load().migrate();

            var trail = new JdbcAuditTrail(dataSource, Clock.systemUTC());
            var verified = trail.verify(null, null, null);
            assertThat(verified.ok()).as(String.valueOf(verified)).isTrue();
            assertThat(verified.checked()).isEqualTo(3);
            try (var connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                trail.writePending(connection, events(AuditSubject.model("new"), "new", 2));
                connection.commit();
            }
            try (var sealer = new AuditSealer(trail, dataSource::getConnection, null)) {
                assertThat(sealer.sealAll()).isEqualTo(2);
            }
            var after = trail.verify(null, null, null);
            assertThat(after.ok()).as(String.valueOf(after)).isTrue();
            assertThat(after.checked()).isEqualTo(5);
            var kept = new ArrayList<String>();
            trail.forEach(new org.modelops.audit.AuditQuery(null, null, null, null, null, null, 1L, 3L),
                    event -> kept.add(event.hash()));
            assertThat(kept).as("the old events keep their hashes").isEqualTo(old.stream().map(AuditEvent::hash)
                    .toList());
        } finally {
            Database.executeAsOwner("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static List<RecordedEvent> events(AuditSubject subject, String part, int count) {
        var events = new ArrayList<RecordedEvent>();
        for (int n = 0; n < count; n++) {
            events.add(RecordedEvent.now(new AuditRecord(AuditActor.SYSTEM, "test.crashed", subject,
                    Map.of("part", part + "-" + n)), Clock.systemUTC()));
        }
        return events;
    }

    private static void insertAsBeforeV95(Connection connection, AuditEvent event) throws SQLException {
        try (var insert = connection.prepareStatement("INSERT INTO audit_events (sequence, occurred_at,"
                + " actor_subject, actor_username, actor_roles, action, subject_type, subject_id, details,"
                + " correlation, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)")) {
            insert.setLong(1, event.sequence());
            insert.setTimestamp(2, java.sql.Timestamp.from(event.occurredAt()));
            insert.setString(3, event.actor().subject());
            insert.setString(4, event.actor().username());
            insert.setArray(5, connection.createArrayOf("text", event.actor().roles().toArray()));
            insert.setString(6, event.action());
            insert.setString(7, event.subject().type());
            insert.setString(8, event.subject().id());
            insert.setString(9, "{\"riskTier\":\"HIGH\"}");
            insert.setString(10, event.correlation());
            insert.setString(11, event.previousHash());
            insert.setString(12, event.hash());
            insert.executeUpdate();
        }
    }
}
