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
 * transaction, on a {@link DataSource} that hands out that transaction's connection. A change writes its events as
 * pending in its own transaction ({@link #writePending}), so they commit or roll back with it; a sealer chains
 * committed pending events afterwards ({@link #seal}), batch by batch, under a row lock on the chain's head held until
 * the seal commits, so concurrent writers produce one chain without gaps (see {@link AuditSealer}).
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

    /** How many events a seal covered, and in how many of their transactions. */
    /**
     * Told of events just given their place in the chain, on the connection and inside the transaction that chains
     * them (while the head is locked), so whatever it writes (an outbox row) commits or rolls back with them and
     * becomes visible in sequence order. Keep it to a statement or two.
     */
    @FunctionalInterface
    public interface ChainObserver {

        ChainObserver NONE = (connection, events) -> {
        };

        void chained(Connection connection, List<AuditEvent> events) throws SQLException;
    }

    private volatile ChainObserver observer = ChainObserver.NONE;

    /** Tells {@code observer} of every event this trail chains from now on (see {@link ChainObserver}). */
    public JdbcAuditTrail observedBy(ChainObserver observer) {
        this.observer = observer == null ? ChainObserver.NONE : observer;
        return this;
    }

    public record Sealed(int transactions, int events) {

        static final Sealed NOTHING = new Sealed(0, 0);
    }

    private static final String PENDING_COLUMNS = "event_id, occurred_at, actor_subject, actor_username, actor_roles,"
            + " action, subject_type, subject_id, details, correlation";

    /** How many pending transactions one seal reads at most. */
    static final int SEAL_TRANSACTIONS = 2000;

    /** The chain's head while it is locked: the newest sealed event. */
    private static final class Head {
        long sequence;
        String hash;
    }

    /**
     * Writes events recorded by a change into {@code audit_pending}, in the change's own transaction (on its connection,
     * which it leaves open): they commit or roll back with the change, and take no lock every writer shares. This is
     * the one place a recorded event is written in its change's transaction; whatever must commit with the event (an
     * outbox row) is written next to it, keyed by the event's id. A sealer chains them after the commit
     * ({@link #seal(Connection, int)}); until then they are not in the chain.
     */
    public void writePending(Connection connection, List<RecordedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        var sql = new StringBuilder("INSERT INTO audit_pending (" + PENDING_COLUMNS + ") VALUES ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)");
        }
        try (var insert = connection.prepareStatement(sql.toString())) {
            int p = 0;
            for (var event : events) {
                var record = event.record();
                insert.setObject(++p, event.id());
                insert.setTimestamp(++p, Timestamp.from(event.occurredAt()));
                insert.setString(++p, record.actor().subject());
                insert.setString(++p, record.actor().username());
                insert.setArray(++p, connection.createArrayOf("text", record.actor().roles().toArray()));
                insert.setString(++p, record.action());
                insert.setString(++p, record.subject().type());
                insert.setString(++p, record.subject().id());
                insert.setString(++p, CanonicalForm.toJson(record.details()));
                insert.setString(++p, record.correlation());
            }
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new AuditTrailException("could not record audit event " + events.get(0).record().action(), e);
        }
    }

    /**
     * Seals committed pending events into the chain on the given connection, inside its open transaction (which the
     * caller commits): locks the head once, gives the events of up to {@code maxTransactions} committed transactions
     * the next sequence numbers and chained hashes — transaction by transaction in the order of their first event,
     * each transaction's events contiguous and in the order recorded — moves them into {@code audit_events} and
     * deletes them from {@code audit_pending}. Two round trips: the head's lock with the read of the pending events,
     * then the move with the head's update. With {@code unlessEmpty}, a first look without any lock returns at once
     * when nothing is pending (for a periodic sealer).
     */
    public Sealed seal(Connection connection, int maxTransactions, boolean unlessEmpty) {
        try {
            if (unlessEmpty) {
                try (var any = connection.prepareStatement("SELECT 1 FROM audit_pending LIMIT 1");
                        var rs = any.executeQuery()) {
                    if (!rs.next()) {
                        return Sealed.NOTHING;
                    }
                }
            }
            Head head;
            Batch batch;
            // One round trip: the lock first, then (a later statement, so a later snapshot) the committed events.
            try (var read = connection.prepareStatement(LOCK_HEAD + "; " + READ_PENDING)) {
                read.setInt(1, maxTransactions);
                read.execute();
                try (var rs = read.getResultSet()) {
                    head = head(rs);
                }
                if (!read.getMoreResults()) {
                    throw new IllegalStateException("no pending events were read");
                }
                try (var rs = read.getResultSet()) {
                    batch = chain(rs, head);
                }
            }
            if (batch.ids.isEmpty()) {
                return Sealed.NOTHING;
            }
            try (var move = connection.prepareStatement(MOVE + "; " + DELETE_SEALED + "; " + UPDATE_HEAD)) {
                bindMove(connection, move, batch, 0);
                move.setArray(5, connection.createArrayOf("bigint", batch.ids.toArray()));
                move.setLong(6, head.sequence);
                move.setString(7, head.hash);
                move.execute();
                if (move.getUpdateCount() != batch.ids.size()) {
                    throw new IllegalStateException("sealed " + move.getUpdateCount() + " of " + batch.ids.size()
                            + " pending audit events");
                }
            }
            observer.chained(connection, batch.events);
            return new Sealed(batch.transactions, batch.ids.size());
        } catch (SQLException e) {
            throw new AuditTrailException("could not seal pending audit events", e);
        }
    }

    /** Appends one event at once in its own connection's transaction (see {@link #append(Connection, List)}). */
    public AuditEvent append(AuditRecord record) {
        try (Connection connection = dataSource.getConnection()) {
            return append(connection, List.of(record)).get(0);
        } catch (SQLException e) {
            throw new AuditTrailException("could not append audit event " + record.action(), e);
        }
    }

    /**
     * Appends records in order on the given connection (inside its open transaction, which it leaves open), after
     * sealing every event already committed as pending: for events that stand alone and must know their sequence at
     * once (a refused attempt, an export). The head is locked from here until that transaction ends, so call this as
     * late in the transaction as possible.
     */
    public List<AuditEvent> append(Connection connection, List<AuditRecord> records) {
        var appended = new ArrayList<AuditEvent>(records.size());
        try {
            var head = lockHead(connection);
            boolean moved = false;
            while (true) {
                var sealed = sealPending(connection, head, SEAL_TRANSACTIONS);
                moved |= sealed.events() > 0;
                if (sealed.transactions() < SEAL_TRANSACTIONS) {
                    break;
                }
            }
            for (var record : records) {
                var event = AuditEvent.sealed(head.sequence + 1, clock.instant(), record, head.hash);
                insert(connection, event);
                appended.add(event);
                head.sequence = event.sequence();
                head.hash = event.hash();
            }
            if (moved || !appended.isEmpty()) {
                updateHead(connection, head);
            }
            if (!appended.isEmpty()) {
                observer.chained(connection, appended);
            }
            return appended;
        } catch (SQLException e) {
            throw new AuditTrailException("could not append audit event "
                    + (records.isEmpty() ? "" : records.get(0).action()), e);
        }
    }

    private static void insert(Connection connection, AuditEvent event) throws SQLException {
        try (var insert = connection.prepareStatement("INSERT INTO audit_events (" + COLUMNS
                + ", event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)")) {
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
            insert.setObject(13, java.util.UUID.randomUUID());
            insert.executeUpdate();
        }
    }

    private static final String LOCK_HEAD = "SELECT last_sequence, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE";
    private static final String READ_PENDING = "SELECT p.id, t.first, " + PENDING_COLUMNS
            + " FROM audit_pending p JOIN (SELECT transaction_id, min(id) AS first FROM audit_pending"
            + " GROUP BY transaction_id ORDER BY first LIMIT ?) t USING (transaction_id) ORDER BY t.first, p.id";
    private static final String MOVE = "INSERT INTO audit_events (" + COLUMNS + ", event_id)"
            + " SELECT s.sequence, p.occurred_at, p.actor_subject, p.actor_username, p.actor_roles, p.action,"
            + " p.subject_type, p.subject_id, p.details, p.correlation, s.previous_hash, s.hash, p.event_id"
            + " FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[]) AS s (id, sequence, previous_hash, hash)"
            + " JOIN audit_pending p ON p.id = s.id ORDER BY s.sequence";
    private static final String DELETE_SEALED = "DELETE FROM audit_pending WHERE id = ANY (?)";
    private static final String UPDATE_HEAD = "UPDATE audit_chain_head SET last_sequence = ?, last_hash = ?"
            + " WHERE id = 1";

    /** Pending events given their place in the chain, not moved yet. */
    private static final class Batch {
        final List<Long> ids = new ArrayList<>();
        final List<Long> sequences = new ArrayList<>();
        final List<String> previousHashes = new ArrayList<>();
        final List<String> hashes = new ArrayList<>();
        final List<AuditEvent> events = new ArrayList<>();
        int transactions;
    }

    private static Head lockHead(Connection connection) throws SQLException {
        try (var select = connection.prepareStatement(LOCK_HEAD); var rs = select.executeQuery()) {
            return head(rs);
        }
    }

    private static Head head(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            throw new IllegalStateException("audit_chain_head is missing: the audit schema is not migrated");
        }
        var head = new Head();
        head.sequence = rs.getLong(1);
        head.hash = rs.getString(2);
        return head;
    }

    private static void updateHead(Connection connection, Head head) throws SQLException {
        try (var update = connection.prepareStatement(UPDATE_HEAD)) {
            update.setLong(1, head.sequence);
            update.setString(2, head.hash);
            update.executeUpdate();
        }
    }

    /**
     * With the head locked: gives the pending events read, in order, the next sequence numbers and chained hashes, and
     * advances {@code head}. The hashes are computed over the values as PostgreSQL returns them (details through
     * {@code jsonb}), which are the values copied into {@code audit_events} and read back by every verification.
     */
    private static Batch chain(ResultSet rs, Head head) throws SQLException {
        var batch = new Batch();
        long transaction = -1;
        while (rs.next()) {
            if (rs.getLong(2) != transaction) {
                transaction = rs.getLong(2);
                batch.transactions++;
            }
            var roles = (String[]) rs.getArray("actor_roles").getArray();
            var record = new AuditRecord(
                    new AuditActor(rs.getString("actor_subject"), rs.getString("actor_username"),
                            Arrays.asList(roles)),
                    rs.getString("action"), new AuditSubject(rs.getString("subject_type"), rs.getString("subject_id")),
                    CanonicalForm.parseObject(rs.getString("details")), rs.getString("correlation"));
            var event = AuditEvent.sealed(head.sequence + 1, rs.getTimestamp("occurred_at").toInstant(), record,
                    head.hash);
            batch.ids.add(rs.getLong(1));
            batch.sequences.add(event.sequence());
            batch.previousHashes.add(event.previousHash());
            batch.hashes.add(event.hash());
            batch.events.add(event);
            head.sequence = event.sequence();
            head.hash = event.hash();
        }
        return batch;
    }

    private static void bindMove(Connection connection, PreparedStatement move, Batch batch, int offset)
            throws SQLException {
        move.setArray(offset + 1, connection.createArrayOf("bigint", batch.ids.toArray()));
        move.setArray(offset + 2, connection.createArrayOf("bigint", batch.sequences.toArray()));
        move.setArray(offset + 3, connection.createArrayOf("text", batch.previousHashes.toArray()));
        move.setArray(offset + 4, connection.createArrayOf("text", batch.hashes.toArray()));
    }

    /** With the head locked: seals the pending events of up to {@code maxTransactions} transactions after it. */
    private Sealed sealPending(Connection connection, Head head, int maxTransactions) throws SQLException {
        Batch batch;
        try (var read = connection.prepareStatement(READ_PENDING)) {
            read.setInt(1, maxTransactions);
            try (var rs = read.executeQuery()) {
                batch = chain(rs, head);
            }
        }
        if (batch.ids.isEmpty()) {
            return Sealed.NOTHING;
        }
        try (var move = connection.prepareStatement(MOVE + "; " + DELETE_SEALED)) {
            bindMove(connection, move, batch, 0);
            move.setArray(5, connection.createArrayOf("bigint", batch.ids.toArray()));
            move.execute();
            if (move.getUpdateCount() != batch.ids.size()) {
                throw new IllegalStateException("sealed " + move.getUpdateCount() + " of " + batch.ids.size()
                        + " pending audit events");
            }
        }
        observer.chained(connection, batch.events);
        return new Sealed(batch.transactions, batch.ids.size());
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
        forEachStored(new AuditQuery(null, null, null, null, null, null, from, to), true,
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
        forEachStored(query, false, event -> JsonLines.event(writers.get(), event), consumer);
    }

    /**
     * Reads the stored rows of the query in sequence order, applies {@code work} to each on the verification threads
     * and hands the results to {@code consumer} in order on this thread. With {@code copy}, a run of sequence numbers
     * on PostgreSQL is streamed with binary {@code COPY}s ({@link StoredEventCopy}: the server produces rows while
     * they are decoded here) — for verification, whose consumer keeps up; the export, whose pace is its client's,
     * and anything else come through a cursor, whose fetches each end at once.
     */
    private <R> void forEachStored(AuditQuery query, boolean copy, java.util.function.Function<StoredEvent, R> work,
            Predicate<R> consumer) {
        try (var batches = new OrderedBatches<>(verifyThreads, VERIFY_BATCH, work, consumer)) {
            try (Connection connection = dataSource.getConnection()) {
                if (copy && query.isContiguous() && StoredEventCopy.supports(connection)) {
                    StoredEventCopy.forEach(connection, query.fromSequence(), query.toSequence(), batches::add);
                } else {
                    readStored(connection, query, batches::add);
                }
            } catch (SQLException e) {
                throw new AuditTrailException("could not read the audit trail", e);
            }
            batches.finish();
        }
    }

    /** The stored rows of the query through a cursor, in sequence order, until {@code consumer} returns false. */
    static void readStored(Connection connection, AuditQuery query, Predicate<StoredEvent> consumer)
            throws SQLException {
        var args = new ArrayList<Object>();
        var sql = "SELECT sequence, (extract(epoch FROM occurred_at) * 1000000)::bigint AS micros, actor_subject,"
                + " actor_username, actor_roles, action, subject_type, subject_id, details, correlation,"
                + " previous_hash, hash FROM audit_events" + where(query, args) + " ORDER BY sequence";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(VERIFY_FETCH_SIZE);
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    var roles = (String[]) rs.getArray(5).getArray();
                    var event = new StoredEvent(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), roles,
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                            rs.getString(11), rs.getString(12));
                    if (!consumer.test(event)) {
                        break;
                    }
                }
            }
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
