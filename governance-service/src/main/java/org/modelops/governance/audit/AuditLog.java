package org.modelops.governance.audit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.modelops.audit.AuditActor;
import org.modelops.audit.AuditEvent;
import org.modelops.audit.AuditQuery;
import org.modelops.audit.AuditRecord;
import org.modelops.audit.AuditSubject;
import org.modelops.audit.ChainVerification;
import org.modelops.audit.Checkpoint;
import org.modelops.audit.CheckpointSigner;
import org.modelops.audit.JdbcAuditTrail;
import org.modelops.governance.security.Actor;

/**
 * Records governed changes and reads the trail. {@link #record} requires a running transaction — the one of the
 * change it records — so an event can neither outlive nor miss its change.
 */
@Singleton
public class AuditLog {

    /** How long a verification or an export may read (and wait for its client) in one transaction. */
    static final Duration LONG_READS = Duration.ofMinutes(10);

    private final JdbcAuditTrail trail;
    private final CheckpointSigner signer;
    private final CheckpointWitness witness;
    private final TransactionOperations<Connection> transactions;
    private final Map<Connection, AppendAtCommit> pending = new ConcurrentHashMap<>();
    private final Timer headHeld;
    private final Timer sinceFirstEvent;
    private final List<AppendedEvents> observers;

    AuditLog(DataSource dataSource, AuditProperties properties, CheckpointWitness witness,
            TransactionOperations<Connection> transactions, MeterRegistry meters, List<AppendedEvents> observers) {
        this.trail = new JdbcAuditTrail(dataSource, Clock.systemUTC());
        this.observers = List.copyOf(observers);
        this.signer = CheckpointSigner.fromBase64(properties.keyId(), properties.signingKey(),
                properties.publicKey());
        this.witness = witness;
        this.transactions = transactions;
        this.headHeld = Timer.builder("modelops.audit.head.lock.held")
                .description("From locking the audit chain's head to the end of the transaction")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.sinceFirstEvent = Timer.builder("modelops.audit.transaction.after.first.event")
                .description("From a transaction's first recorded event to its end: how long the head would be"
                        + " locked if events were appended where they are recorded")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    /**
     * Records an event of the running transaction. It is appended to the chain just before that transaction commits
     * (in it, after everything else the transaction does), so the chain's head — one row every governed write of
     * every replica takes turns on — is locked only for the commit itself. Its sequence number and hash are known
     * only then; read them from the trail afterwards.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void record(Actor actor, String action, AuditSubject subject, Map<String, Object> details,
            String correlation) {
        var status = transactions.findTransactionStatus()
                .orElseThrow(() -> new IllegalStateException("audit events need the transaction of their change"));
        var connection = (Connection) status.getConnection();
        var record = new AuditRecord(auditActor(actor), action, subject, details, correlation);
        var buffer = pending.computeIfAbsent(connection, c -> {
            var created = new AppendAtCommit(c);
            status.registerSynchronization(created);
            return created;
        });
        if (buffer.locked != 0) {
            // Recorded by another synchronization after the flush: the head is locked already, append at once.
            append(connection, List.of(record));
        } else {
            buffer.records.add(record);
        }
    }

    /** The events of one transaction, appended in the order recorded, as its last statements. */
    private final class AppendAtCommit implements TransactionSynchronization {

        private final Connection connection;
        private final List<AuditRecord> records = new ArrayList<>();
        private final long firstRecorded = System.nanoTime();
        private long locked;

        AppendAtCommit(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            locked = System.nanoTime();
            append(connection, List.copyOf(records));
        }

        @Override
        public void afterCompletion(Status status) {
            pending.remove(connection, this);
            long ended = System.nanoTime();
            sinceFirstEvent.record(ended - firstRecorded, TimeUnit.NANOSECONDS);
            if (locked != 0) {
                headHeld.record(ended - locked, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Appends on the transaction's connection and tells the observers (the event outbox) in the same transaction. */
    private List<AuditEvent> append(Connection connection, List<AuditRecord> records) {
        var events = trail.append(connection, records);
        observers.forEach(observer -> observer.appended(connection, events));
        return events;
    }

    private Connection transactionConnection() {
        return (Connection) transactions.findTransactionStatus()
                .orElseThrow(() -> new IllegalStateException("audit events need a transaction")).getConnection();
    }

    /** For events that stand alone (a refused attempt, an export, a verification): their own transaction. */
    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    public AuditEvent recordAlone(Actor actor, String action, AuditSubject subject, Map<String, Object> details) {
        return append(transactionConnection(), List.of(new AuditRecord(auditActor(actor), action, subject, details,
                null))).getFirst();
    }

    /**
     * Records the export and signs the head in one transaction; the export then ends at that signed head, or, when it
     * asks for a range that ends earlier ({@code toSequence}), at that event, which is then signed too: every
     * contiguous export ends at a checkpoint.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    public AuditEvent recordExport(Actor actor, Map<String, Object> details, Long toSequence) {
        var event = append(transactionConnection(), List.of(new AuditRecord(auditActor(actor),
                AuditActions.AUDIT_EXPORTED, new AuditSubject("audit-trail", "export"), details, null))).getFirst();
        trail.checkpoint(signer).ifPresent(this::witnessAfterCommit);
        if (toSequence != null && toSequence >= 1 && toSequence < event.sequence()) {
            trail.checkpointAt(signer, toSequence).ifPresent(this::witnessAfterCommit);
        }
        return event;
    }

    @ReadOnly
    public JdbcAuditTrail.Found search(AuditQuery query, long offset, int limit) {
        return trail.search(query, offset, limit);
    }

    @ReadOnly
    public void forEach(AuditQuery query, Predicate<AuditEvent> consumer) {
        trail.allowLongReads(LONG_READS);
        trail.forEach(query, consumer);
    }

    /** The matching events as JSON Lines event lines, in sequence order, streamed (the export). */
    @ReadOnly
    public void forEachLine(AuditQuery query, Predicate<String> consumer) {
        trail.allowLongReads(LONG_READS);
        trail.forEachLine(query, consumer);
    }

    /** Everything recorded about one model version, oldest first. */
    @ReadOnly
    public List<AuditEvent> timeline(String model, int version) {
        var events = new java.util.ArrayList<AuditEvent>();
        trail.forEach(new AuditQuery(model, version, null, null, null, null, null, null), events::add);
        return events;
    }

    @ReadOnly
    public List<Checkpoint> checkpoints() {
        return trail.checkpoints();
    }

    /** The chain, its signed checkpoints, and the checkpoints its witness saw outside the database. */
    @ReadOnly
    public ChainVerification verify(Long from, Long to) {
        List<Checkpoint> witnessed;
        try {
            witnessed = witness.witnessed();
        } catch (IOException e) {
            return ChainVerification.unproven(0, "the checkpoint witness cannot be read: " + e.getMessage());
        }
        trail.allowLongReads(LONG_READS);
        return trail.verify(from, to, signer.publicKey(), witnessed);
    }

    @Transactional
    public Optional<Checkpoint> checkpoint() {
        var checkpoint = trail.checkpoint(signer);
        checkpoint.ifPresent(this::witnessAfterCommit);
        return checkpoint;
    }

    /** A checkpoint reaches the witness only once it is committed: the witness never sees one the chain lacks. */
    private void witnessAfterCommit(Checkpoint checkpoint) {
        var status = transactions.findTransactionStatus()
                .orElseThrow(() -> new IllegalStateException("a checkpoint outside a transaction"));
        status.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(Status outcome) {
                if (outcome == Status.COMMITTED) {
                    witness.deliver(checkpoint);
                }
            }
        });
    }

    public CheckpointSigner signer() {
        return signer;
    }

    private static AuditActor auditActor(Actor actor) {
        return new AuditActor(actor.subject(), actor.username(), actor.roles());
    }
}
