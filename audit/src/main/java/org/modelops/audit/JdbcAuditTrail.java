package org.modelops.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Appends to and reads the chain in PostgreSQL with plain JDBC. {@link #append} must run inside the caller's
 * transaction, on a {@link DataSource} that hands out that transaction's connection: the event then commits or rolls
 * back with the change it records. Appends are serialised by a row lock on the chain's head, held until commit, so
 * concurrent writers produce one chain in commit order.
 */
public final class JdbcAuditTrail {

    private static final String COLUMNS = "sequence, occurred_at, actor_subject, actor_username, actor_roles, action,"
            + " subject_type, subject_id, details, correlation, previous_hash, hash";

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcAuditTrail(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public AuditEvent append(AuditRecord record) {
        try (Connection connection = dataSource.getConnection()) {
            long lastSequence;
            String lastHash;
            try (var head = connection.prepareStatement(
                    "SELECT last_sequence, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE");
                    var rs = head.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("audit_chain_head is missing: the audit schema is not migrated");
                }
                lastSequence = rs.getLong(1);
                lastHash = rs.getString(2);
            }
            var event = AuditEvent.sealed(lastSequence + 1, clock.instant(), record, lastHash);
            try (var insert = connection.prepareStatement("INSERT INTO audit_events (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)")) {
                insert.setLong(1, event.sequence());
                insert.setTimestamp(2, Timestamp.from(event.occurredAt()));
                insert.setString(3, event.actor().subject());
                insert.setString(4, event.actor().username());
                insert.setArray(5, connection.createArrayOf("text", event.actor().roles().toArray()));
                insert.setString(6, event.action());
                insert.setString(7, event.subject().type());
                insert.setString(8, event.subject().id());
                insert.setString(9, CanonicalForm.toJson(event.details()));
                insert.setString(10, event.correlation());
                insert.setString(11, event.previousHash());
                insert.setString(12, event.hash());
                insert.executeUpdate();
            }
            try (var update = connection.prepareStatement(
                    "UPDATE audit_chain_head SET last_sequence = ?, last_hash = ? WHERE id = 1")) {
                update.setLong(1, event.sequence());
                update.setString(2, event.hash());
                update.executeUpdate();
            }
            return event;
        } catch (SQLException e) {
            throw new AuditTrailException("could not append audit event " + record.action(), e);
        }
    }

    /** Verifies the events with sequence numbers in [from, to] (either bound may be null), streaming them. */
    public ChainVerification verify(Long from, Long to) {
        try (Connection connection = dataSource.getConnection()) {
            ChainVerifier verifier = ChainVerifier.fromGenesis();
            if (from != null && from > 1) {
                verifier = ChainVerifier.after(from - 1, hashAt(connection, from - 1));
            }
            var chain = verifier;
            stream(connection, from, to, chain::accept);
            return chain.result();
        } catch (SQLException e) {
            throw new AuditTrailException("could not verify the audit trail", e);
        }
    }

    /** Reads events in sequence order; stops early when the consumer says so by returning false. */
    public void forEach(Long from, Long to, Predicate<AuditEvent> consumer) {
        try (Connection connection = dataSource.getConnection()) {
            stream(connection, from, to, consumer);
        } catch (SQLException e) {
            throw new AuditTrailException("could not read the audit trail", e);
        }
    }

    public List<AuditEvent> latest(int limit) {
        var events = new ArrayList<AuditEvent>();
        try (Connection connection = dataSource.getConnection();
                var select = connection
                        .prepareStatement("SELECT " + COLUMNS + " FROM audit_events ORDER BY sequence DESC LIMIT ?")) {
            select.setInt(1, limit);
            try (var rs = select.executeQuery()) {
                while (rs.next()) {
                    events.add(read(rs));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new AuditTrailException("could not read the audit trail", e);
        }
    }

    private static String hashAt(Connection connection, long sequence) throws SQLException {
        try (var select = connection.prepareStatement("SELECT hash FROM audit_events WHERE sequence = ?")) {
            select.setLong(1, sequence);
            try (var rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void stream(Connection connection, Long from, Long to,
            Predicate<AuditEvent> consumer) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM audit_events WHERE sequence >= ? AND sequence <= ? ORDER BY sequence")) {
            select.setFetchSize(1000);
            select.setLong(1, from == null ? 1 : from);
            select.setLong(2, to == null ? Long.MAX_VALUE : to);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    if (!consumer.test(read(rs))) {
                        return;
                    }
                }
            }
        }
    }

    static AuditEvent read(ResultSet rs) throws SQLException {
        var roles = (String[]) rs.getArray("actor_roles").getArray();
        return new AuditEvent(rs.getLong("sequence"), rs.getTimestamp("occurred_at").toInstant(),
                new AuditActor(rs.getString("actor_subject"), rs.getString("actor_username"), Arrays.asList(roles)),
                rs.getString("action"), new AuditSubject(rs.getString("subject_type"), rs.getString("subject_id")),
                CanonicalForm.parseObject(rs.getString("details")), rs.getString("correlation"),
                rs.getString("previous_hash"), rs.getString("hash"));
    }
}
