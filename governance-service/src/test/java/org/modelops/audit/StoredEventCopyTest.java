package org.modelops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelops.governance.testing.Database;

/**
 * Verification and export read the chain with a binary COPY on PostgreSQL ({@link StoredEventCopy}); every other
 * query reads it through a cursor. Both must hand over exactly the same stored values, or the hashes would differ
 * with the way the rows were read. Runs on a temporary {@code audit_events} of this connection's own (it shadows the
 * real table for this session only), so the rows can be whatever a chain may hold, tampered ones included.
 */
class StoredEventCopyTest {

    private Connection connection;

    @BeforeEach
    void temporaryTrail() throws SQLException {
        connection = Database.connect();
        connection.setAutoCommit(false);
        try (var statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE audit_events (LIKE public.audit_events) ON COMMIT DROP");
            statement.execute("""
                    INSERT INTO audit_events (sequence, occurred_at, actor_subject, actor_username, actor_roles,
                        action, subject_type, subject_id, details, correlation, previous_hash, hash) VALUES
                    (1, '2026-11-23T10:00:00Z', 's-1', 'erin', '{ml-engineer}', 'model.registered', 'model',
                        'credit-risk', '{"riskTier": "HIGH", "auc": 0.5}', NULL, repeat('0', 64), repeat('a', 64)),
                    (2, '1969-12-31T23:59:59.999999Z', 'sub"ject\\id', 'Émile', '{"a,b","c\\"d",zeta,""}',
                        'x', 'model-version', 'm/1', '{"z": "é € 😀 \\u0001 \\"", "a": [1, 2.50, 1e21, null, true],
                        "ü": {"b": {}, "a": []}}', 'corr', repeat('a', 64), repeat('b', 64)),
                    (3, '0001-01-01T00:00:00.000001Z', 's', 'u', '{}', 'y', 'model', 'm', '{}', '', repeat('b', 64),
                        repeat('c', 64)),
                    (5, '2262-04-11T23:47:16.854775Z', 's', 'u', '{a}', 'y', 'model', 'm', '{"n": -0}', NULL,
                        'tampered', repeat('d', 64))
                    """);
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.rollback();
        connection.close();
    }

    @Test
    void copyReadsTheSameValuesAsTheCursor() throws SQLException {
        var copied = new ArrayList<StoredEvent>();
        StoredEventCopy.forEach(connection, null, null, copied::add);
        var selected = new ArrayList<StoredEvent>();
        JdbcAuditTrail.readStored(connection, AuditQuery.ALL, selected::add);

        assertThat(copied).hasSize(4);
        assertThat(render(copied)).isEqualTo(render(selected));
        var writer = new CanonicalWriter();
        for (int i = 0; i < copied.size(); i++) {
            assertThat(writer.hash(copied.get(i))).isEqualTo(writer.hash(selected.get(i)));
        }
        assertThat(copied.get(1).actorRoles()).containsExactly("a,b", "c\"d", "zeta", "");
        assertThat(copied.get(2).actorRoles()).isEmpty();
        assertThat(copied.get(0).correlation()).isNull();
        assertThat(copied.get(2).correlation()).isEmpty();
    }

    @Test
    void aSequenceRangeIsCopiedInOrder() throws SQLException {
        var copied = new ArrayList<Long>();
        StoredEventCopy.forEach(connection, 2L, 5L, event -> copied.add(event.sequence()));
        assertThat(copied).containsExactly(2L, 3L, 5L);
        copied.clear();
        StoredEventCopy.forEach(connection, null, 2L, event -> copied.add(event.sequence()));
        assertThat(copied).containsExactly(1L, 2L);
    }

    @Test
    void stoppingEarlyLeavesTheTransactionUsable() throws SQLException {
        var copied = new ArrayList<Long>();
        StoredEventCopy.forEach(connection, null, null, event -> copied.add(event.sequence()) && copied.size() < 2);
        assertThat(copied).containsExactly(1L, 2L);
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery("SELECT count(*) FROM audit_events")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(4);
        }
    }

    /** What the chain check sees: the gap before 5 and the tampered link are found in the copied rows. */
    @Test
    void theChainCheckFindsTheSameBreakInCopiedRows() throws SQLException {
        var verifier = ChainVerifier.after(null, null);
        var writer = new CanonicalWriter();
        StoredEventCopy.forEach(connection, 3L, null, event -> verifier.accept(event.sequence(),
                event.previousHash(), event.hash(), writer.hashMatches(event)));
        var result = verifier.result();
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(3);
        assertThat(result.problem()).contains("hash does not match");
    }

    /**
     * The range is copied in runs of {@link StoredEventCopy#CHUNK} sequence numbers: a broken link or a gap exactly
     * where one run ends and the next begins is found as in one pass.
     */
    @Test
    void linksAreCheckedAcrossTheRunsOfTheCopy() throws SQLException {
        long boundary = StoredEventCopy.CHUNK + 1;
        try (var statement = connection.createStatement()) {
            statement.execute("DELETE FROM audit_events");
            statement.execute("INSERT INTO audit_events (sequence, occurred_at, actor_subject, actor_username,"
                    + " actor_roles, action, subject_type, subject_id, details, correlation, previous_hash, hash)"
                    + " SELECT s, now(), 's', 'u', '{}', 'y', 'model', 'm', '{}', NULL, lpad((s - 1)::text, 64, '0'),"
                    + " lpad(s::text, 64, '0') FROM generate_series(" + (boundary - 3) + ", " + (boundary + 2)
                    + ") AS s");
        }
        assertThat(links(boundary - 2)).as("intact across the runs").isNull();

        try (var statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE forged AS SELECT * FROM audit_events WHERE sequence = "
                    + boundary);
            statement.execute("DELETE FROM audit_events WHERE sequence = " + boundary);
            statement.execute("INSERT INTO audit_events SELECT sequence, occurred_at, actor_subject, actor_username,"
                    + " actor_roles, action, subject_type, subject_id, details, correlation, repeat('f', 64), hash"
                    + " FROM forged");
        }
        var broken = links(boundary - 2);
        assertThat(broken.firstBrokenSequence()).isEqualTo(boundary);
        assertThat(broken.problem()).contains("previousHash");
        assertThat(broken.checked()).isEqualTo(3);

        try (var statement = connection.createStatement()) {
            statement.execute("DELETE FROM audit_events WHERE sequence = " + (boundary - 1));
        }
        var gap = links(boundary - 2);
        assertThat(gap.firstBrokenSequence()).isEqualTo(boundary - 1);
        assertThat(gap.problem()).contains("expected sequence " + (boundary - 1) + " but found " + boundary);
    }

    /** The links and sequence numbers of the copied events from {@code from} on (their hashes taken as matching). */
    private ChainVerification links(long from) throws SQLException {
        var verifier = ChainVerifier.after(from - 1, String.format("%064d", from - 1));
        StoredEventCopy.forEach(connection, from, null,
                event -> verifier.accept(event.sequence(), event.previousHash(), event.hash(), true));
        var result = verifier.result();
        return result.ok() ? null : result;
    }

    private static List<String> render(List<StoredEvent> events) {
        return events.stream().map(event -> event.sequence() + "|" + event.occurredAtMicros() + "|"
                + event.actorSubject() + "|" + event.actorUsername() + "|" + Arrays.toString(event.actorRoles()) + "|"
                + event.action() + "|" + event.subjectType() + "|" + event.subjectId() + "|" + event.detailsJson()
                + "|" + event.correlation() + "|" + event.previousHash() + "|" + event.hash()).toList();
    }
}
