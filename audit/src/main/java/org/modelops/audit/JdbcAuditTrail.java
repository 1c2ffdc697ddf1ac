package org.modelops.audit;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Appends to and reads the chain in PostgreSQL with plain JDBC. Every method must run inside the caller's
 * transaction, on a {@link DataSource} that hands out that transaction's connection: an event then commits or rolls
 * back with the change it records. Appends are serialised by a row lock on the chain's head, held until commit, so
 * concurrent writers produce one chain in commit order.
 */
public final class JdbcAuditTrail {

    /** A page of events, newest first, and how many match in all. */
    public record Found(List<AuditEvent> events, long total) {
    }

    private static final String COLUMNS = "sequence, occurred_at, actor_subject, actor_username, actor_roles, action,"
            + " subject_type, subject_id, details, correlation, previous_hash, hash";

    private static final int VERIFY_BATCH = 512;
    private static final int VERIFY_FETCH_SIZE = 2000;

    private final DataSource dataSource;
    private final Clock clock;
    private final int verifyThreads;

    public JdbcAuditTrail(DataSource dataSource, Clock clock) {
        this(dataSource, clock, Runtime.getRuntime().availableProcessors());
    }

    /** @param verifyThreads how many threads recompute hashes during {@link #verify} (1: on the caller's thread) */
    public JdbcAuditTrail(DataSource dataSource, Clock clock, int verifyThreads) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.verifyThreads = Math.max(1, verifyThreads);
    }

    public AuditEvent append(AuditRecord record) {
        try (Connection connection = dataSource.getConnection()) {
            return append(connection, List.of(record)).get(0);
        } catch (SQLException e) {
            throw new AuditTrailException("could not append audit event " + record.action(), e);
        }
    }

    /**
     * Appends records in order on the given connection (inside its open transaction, which it leaves open): the head
     * is locked from here until that transaction ends, so call this as late in the transaction as possible.
     */
    public List<AuditEvent> append(Connection connection, List<AuditRecord> records) {
        var appended = new ArrayList<AuditEvent>(records.size());
        try {
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
            for (var record : records) {
                var event = AuditEvent.sealed(lastSequence + 1, clock.instant(), record, lastHash);
                insert(connection, event);
                appended.add(event);
                lastSequence = event.sequence();
                lastHash = event.hash();
            }
            if (!appended.isEmpty()) {
                try (var update = connection.prepareStatement(
                        "UPDATE audit_chain_head SET last_sequence = ?, last_hash = ? WHERE id = 1")) {
                    update.setLong(1, lastSequence);
                    update.setString(2, lastHash);
                    update.executeUpdate();
                }
            }
            return appended;
        } catch (SQLException e) {
            throw new AuditTrailException("could not append audit event "
                    + (records.isEmpty() ? "" : records.get(0).action()), e);
        }
    }

    private static void insert(Connection connection, AuditEvent event) throws SQLException {
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
    }

    /**
     * Lets the reads of the current transaction run and pause (a verification, an export streamed to a slow client)
     * for up to {@code limit}, beyond the short bounds every session has (docs/operations.md).
     */
    public void allowLongReads(Duration limit) {
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            long ms = limit.toMillis();
            statement.execute(
                    "SET LOCAL statement_timeout = " + ms + "; SET LOCAL idle_in_transaction_session_timeout = "
                            + ms);
        } catch (SQLException e) {
            throw new AuditTrailException("could not extend the read's timeouts", e);
        }
    }

    /** The newest event's sequence number, 0 for an empty trail (as the events say, not the head row). */
    public long lastSequence() {
        return query("SELECT coalesce(max(sequence), 0) FROM audit_events", List.of(), rs -> {
            rs.next();
            return rs.getLong(1);
        });
    }

    public Found search(AuditQuery query, long offset, int limit) {
        var where = new ArrayList<Object>();
        var sql = "SELECT " + COLUMNS + ", count(*) OVER () AS total FROM audit_events" + where(query, where)
                + " ORDER BY sequence DESC LIMIT ? OFFSET ?";
        where.add(limit);
        where.add(offset);
        return query(sql, where, rs -> {
            var events = new ArrayList<AuditEvent>();
            long total = 0;
            while (rs.next()) {
                events.add(read(rs));
                total = rs.getLong("total");
            }
            return new Found(events, total);
        });
    }

    /** Streams matching events in sequence order; stops early when the consumer returns false. */
    public void forEach(AuditQuery query, Predicate<AuditEvent> consumer) {
        var args = new ArrayList<Object>();
        var sql = "SELECT " + COLUMNS + " FROM audit_events" + where(query, args) + " ORDER BY sequence";
        query(sql, args, rs -> {
            while (rs.next()) {
                if (!consumer.test(read(rs))) {
                    break;
                }
            }
            return null;
        });
    }

    /**
     * Verifies the events with sequence numbers in [from, to] (either bound may be null) and, when a public key is
     * given, that the chain still reaches every stored checkpoint with the hash that checkpoint signed.
     */
    public ChainVerification verify(Long from, Long to, PublicKey checkpointKey) {
        ChainVerifier verifier = from == null || from <= 1
                ? ChainVerifier.fromGenesis()
                : ChainVerifier.after(from - 1, hashAt(from - 1).orElse(null));
        verifyStored(from, to, verifier);
        var result = verifier.result();
        if (!result.ok() || checkpointKey == null || to != null) {
            return result;
        }
        for (var checkpoint : checkpoints()) {
            if (!CheckpointSigner.verify(checkpoint, checkpointKey)) {
                return ChainVerification.brokenAt(result.checked(), checkpoint.sequence(),
                        "checkpoint " + checkpoint.sequence() + " (key id " + checkpoint.keyId()
                                + ") has an invalid signature under the configured public key");
            }
            var hash = hashAt(checkpoint.sequence());
            if (hash.isEmpty()) {
                return ChainVerification.brokenAt(result.checked(), lastSequence() + 1, "checkpoint signed at "
                        + checkpoint.signedAt() + " saw event " + checkpoint.sequence()
                        + ", which is missing: the newest events were removed");
            }
            if (!hash.get().equals(checkpoint.hash())) {
                return ChainVerification.brokenAt(result.checked(), checkpoint.sequence(),
                        "event " + checkpoint.sequence() + " differs from the one its checkpoint signed");
            }
        }
        return result;
    }

    /**
     * Streams the stored events of [from, to] in sequence order and checks them: each event's canonical form and hash
     * are recomputed on {@link #verifyThreads} threads ({@link CanonicalWriter}, one per thread), its sequence and
     * link to the event before it in order on this thread.
     */
    private void verifyStored(Long from, Long to, ChainVerifier verifier) {
        var writers = ThreadLocal.withInitial(CanonicalWriter::new);
        record Checked(long sequence, String previousHash, String hash, boolean hashMatches) {
        }
        forEachStored(new AuditQuery(null, null, null, null, null, null, from, to),
                event -> new Checked(event.sequence(), event.previousHash(), event.hash(),
                        writers.get().hashMatches(event)),
                checked -> verifier.accept(checked.sequence(), checked.previousHash(), checked.hash(),
                        checked.hashMatches()));
    }

    /**
     * Streams the matching events in sequence order as JSON Lines event lines ({@link JsonLines#event}), written on
     * {@link #verifyThreads} threads and handed to the consumer in order on this thread; stops early when it returns
     * false. Memory stays bounded: the rows come through a cursor ({@code fetch size}), a few batches at a time.
     */
    public void forEachLine(AuditQuery query, Predicate<String> consumer) {
        var writers = ThreadLocal.withInitial(CanonicalWriter::new);
        forEachStored(query, event -> JsonLines.event(writers.get(), event), consumer);
    }

    /**
     * Reads the stored rows of the query with a cursor, in sequence order, applies {@code work} to each on the
     * verification threads and hands the results to {@code consumer} in order on this thread.
     */
    private <R> void forEachStored(AuditQuery query, java.util.function.Function<StoredEvent, R> work,
            Predicate<R> consumer) {
        var args = new ArrayList<Object>();
        var sql = "SELECT sequence, (extract(epoch FROM occurred_at) * 1000000)::bigint AS micros, actor_subject,"
                + " actor_username, actor_roles, action, subject_type, subject_id, details, correlation,"
                + " previous_hash, hash FROM audit_events" + where(query, args) + " ORDER BY sequence";
        try (var batches = new OrderedBatches<>(verifyThreads, VERIFY_BATCH, work, consumer)) {
            query(sql, args, VERIFY_FETCH_SIZE, rs -> {
                while (rs.next()) {
                    var roles = (String[]) rs.getArray(5).getArray();
                    var event = new StoredEvent(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), roles,
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                            rs.getString(11), rs.getString(12));
                    if (!batches.add(event)) {
                        break;
                    }
                }
                return null;
            });
            batches.finish();
        }
    }

    /**
     * {@link #verify(Long, Long, PublicKey)}, and the chain compared with the checkpoints a witness outside the database
     * saw: each must be in the database unchanged, and the chain's event at its sequence must still have its hash.
     */
    public ChainVerification verify(Long from, Long to, PublicKey checkpointKey, List<Checkpoint> witnessed) {
        var result = verify(from, to, checkpointKey);
        if (witnessed.isEmpty()) {
            return result;
        }
        long first = from == null ? 1 : Math.max(1, from);
        long head = lastSequence();
        long last = to == null ? head : Math.min(to, head);
        var inRange = witnessed.stream()
                .filter(witness -> witness.sequence() >= first && (to == null || witness.sequence() <= to)).toList();
        var stored = new java.util.HashMap<Long, Checkpoint>();
        checkpoints().forEach(checkpoint -> stored.put(checkpoint.sequence(), checkpoint));
        var hashes = hashesAt(inRange.stream().map(Checkpoint::sequence).toList());
        return ChainVerification.earliest(result,
                WitnessComparison.compare(inRange, checkpointKey, hashes, stored, first, last, to == null,
                        result.checked()));
    }

    /** Signs the current head unless the newest checkpoint already covers it; returns the new checkpoint. */
    public Optional<Checkpoint> checkpoint(CheckpointSigner signer) {
        try (Connection connection = dataSource.getConnection()) {
            long sequence;
            String hash;
            try (var head = connection.prepareStatement(
                    "SELECT last_sequence, last_hash FROM audit_chain_head WHERE id = 1 FOR SHARE");
                    var rs = head.executeQuery()) {
                rs.next();
                sequence = rs.getLong(1);
                hash = rs.getString(2);
            }
            var latest = latestCheckpoint();
            if (sequence == 0 || latest.isPresent() && latest.get().sequence() >= sequence) {
                return Optional.empty();
            }
            var checkpoint = signer.sign(sequence, hash, clock.instant());
            try (var insert = connection.prepareStatement("INSERT INTO audit_checkpoints (sequence, hash, signed_at,"
                    + " key_id, signature) VALUES (?, ?, ?, ?, ?) ON CONFLICT (sequence) DO NOTHING")) {
                insert.setLong(1, checkpoint.sequence());
                insert.setString(2, checkpoint.hash());
                insert.setTimestamp(3, Timestamp.from(checkpoint.signedAt()));
                insert.setString(4, checkpoint.keyId());
                insert.setString(5, checkpoint.signature());
                return insert.executeUpdate() == 1 ? Optional.of(checkpoint) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new AuditTrailException("could not write an audit checkpoint", e);
        }
    }

    /**
     * Signs event {@code sequence} as it is stored now, unless a checkpoint already does; returns the checkpoint on that
     * event, or empty when there is no such event. An export of a range that ends before the head ends at it.
     */
    public Optional<Checkpoint> checkpointAt(CheckpointSigner signer, long sequence) {
        var existing = query("SELECT sequence, hash, signed_at, key_id, signature FROM audit_checkpoints"
                + " WHERE sequence = ?", List.of(sequence), JdbcAuditTrail::readCheckpoints);
        if (!existing.isEmpty()) {
            return Optional.of(existing.get(0));
        }
        var hash = hashAt(sequence);
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        var checkpoint = signer.sign(sequence, hash.get(), clock.instant());
        try (Connection connection = dataSource.getConnection();
                var insert = connection.prepareStatement("INSERT INTO audit_checkpoints (sequence, hash, signed_at,"
                        + " key_id, signature) VALUES (?, ?, ?, ?, ?) ON CONFLICT (sequence) DO NOTHING")) {
            insert.setLong(1, checkpoint.sequence());
            insert.setString(2, checkpoint.hash());
            insert.setTimestamp(3, Timestamp.from(checkpoint.signedAt()));
            insert.setString(4, checkpoint.keyId());
            insert.setString(5, checkpoint.signature());
            if (insert.executeUpdate() == 1) {
                return Optional.of(checkpoint);
            }
        } catch (SQLException e) {
            throw new AuditTrailException("could not write an audit checkpoint", e);
        }
        return query("SELECT sequence, hash, signed_at, key_id, signature FROM audit_checkpoints WHERE sequence = ?",
                List.of(sequence), JdbcAuditTrail::readCheckpoints).stream().findFirst();
    }

    public Optional<Checkpoint> latestCheckpoint() {
        var all = query("SELECT sequence, hash, signed_at, key_id, signature FROM audit_checkpoints"
                + " ORDER BY sequence DESC LIMIT 1", List.of(), JdbcAuditTrail::readCheckpoints);
        return all.stream().findFirst();
    }

    public List<Checkpoint> checkpoints() {
        return query("SELECT sequence, hash, signed_at, key_id, signature FROM audit_checkpoints ORDER BY sequence",
                List.of(), JdbcAuditTrail::readCheckpoints);
    }

    private java.util.Map<Long, String> hashesAt(List<Long> sequences) {
        return query("SELECT sequence, hash FROM audit_events WHERE sequence = ANY (?)",
                List.of((Object) sequences.toArray(Long[]::new)), rs -> {
                    var hashes = new java.util.HashMap<Long, String>();
                    while (rs.next()) {
                        hashes.put(rs.getLong(1), rs.getString(2));
                    }
                    return hashes;
                });
    }

    private Optional<String> hashAt(long sequence) {
        return query("SELECT hash FROM audit_events WHERE sequence = ?", List.of(sequence),
                rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.empty());
    }

    private static String where(AuditQuery query, List<Object> args) {
        var where = new StringBuilder(" WHERE TRUE");
        if (query.model() != null && query.version() != null) {
            where.append(" AND subject_id = ?");
            args.add(query.model() + "/" + query.version());
        } else if (query.model() != null) {
            where.append(" AND (subject_id = ? OR subject_id LIKE ?)");
            args.add(query.model());
            args.add(query.model().replace("%", "\\%").replace("_", "\\_") + "/%");
        }
        if (query.actor() != null) {
            where.append(" AND actor_username = ?");
            args.add(query.actor());
        }
        if (query.action() != null) {
            where.append(" AND action = ?");
            args.add(query.action());
        }
        if (query.from() != null) {
            where.append(" AND occurred_at >= ?");
            args.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND occurred_at < ?");
            args.add(Timestamp.from(query.to()));
        }
        if (query.fromSequence() != null) {
            where.append(" AND sequence >= ?");
            args.add(query.fromSequence());
        }
        if (query.toSequence() != null) {
            where.append(" AND sequence <= ?");
            args.add(query.toSequence());
        }
        return where.toString();
    }

    private interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, List<Object> args, Rows<T> rows) {
        return query(sql, args, 500, rows);
    }

    private <T> T query(String sql, List<Object> args, int fetchSize, Rows<T> rows) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(fetchSize);
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rows.read(rs);
            }
        } catch (SQLException e) {
            throw new AuditTrailException("could not read the audit trail", e);
        }
    }

    private static List<Checkpoint> readCheckpoints(ResultSet rs) throws SQLException {
        var checkpoints = new ArrayList<Checkpoint>();
        while (rs.next()) {
            checkpoints.add(new Checkpoint(rs.getLong("sequence"), rs.getString("hash"),
                    rs.getTimestamp("signed_at").toInstant(), rs.getString("key_id"), rs.getString("signature")));
        }
        return checkpoints;
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
