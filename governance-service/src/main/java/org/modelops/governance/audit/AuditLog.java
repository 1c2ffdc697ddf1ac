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
import org.modelops.audit.RecordedEvent;
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
    private final Map<Connection, WriteAtCommit> recording = new ConcurrentHashMap<>();
    private final AuditSealing sealing;
    private final Clock clock = Clock.systemUTC();
    private final Timer sinceFirstEvent;

    AuditLog(DataSource dataSource, AuditProperties properties, CheckpointWitness witness,
            TransactionOperations<Connection> transactions, MeterRegistry meters, AuditSealing sealing,
            List<AppendedEvents> observers) {
        this.trail = new JdbcAuditTrail(dataSource, clock).observedBy(AuditSealing.observing(observers));
        this.sealing = sealing;
        this.signer = CheckpointSigner.fromBase64(properties.keyId(), properties.signingKey(),
                properties.publicKey());
        this.witness = witness;
        this.transactions = transactions;
        this.sinceFirstEvent = Timer.builder("modelops.audit.transaction.after.first.event")
                .description("From a transaction's first recorded event to its end: how long the head was"
                        + " locked when events were appended where they were recorded")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    /**
     * Records an event of the running transaction. It is written, as pending, as that transaction's last statement
     * before its commit ({@link JdbcAuditTrail#writePending}, in it, taking no lock), and sealed into the chain once the
     * transaction has committed, before this thread goes on (group sealing, {@link AuditSealing}). Its id and time are
     * fixed here; its sequence number and hash only at the seal: read them from the trail afterwards.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void record(Actor actor, String action, AuditSubject subject, Map<String, Object> details,
            String correlation) {
        var status = transactions.findTransactionStatus()
                .orElseThrow(() -> new IllegalStateException("audit events need the transaction of their change"));
        var connection = (Connection) status.getConnection();
        var event = RecordedEvent.now(new AuditRecord(auditActor(actor), action, subject, details, correlation),
                clock);
        var buffer = recording.computeIfAbsent(connection, c -> {
            var created = new WriteAtCommit(c);
            status.registerSynchronization(created);
            return created;
        });
        if (buffer.written != 0) {
            // Recorded by another synchronization after the events were written: write it at once, still in the
            // transaction.
            trail.writePending(connection, List.of(event));
        } else {
            buffer.events.add(event);
        }
    }

    /** The events of one transaction, written as pending in the order recorded, as its last statements. */
    private final class WriteAtCommit implements TransactionSynchronization {

        private final Connection connection;
        private final List<RecordedEvent> events = new ArrayList<>();
        private final long firstRecorded = System.nanoTime();
        private long written;

        WriteAtCommit(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            written = System.nanoTime();
            trail.writePending(connection, List.copyOf(events));
        }

        @Override
        public void afterCompletion(Status status) {
            recording.remove(connection, this);
            sinceFirstEvent.record(System.nanoTime() - firstRecorded, TimeUnit.NANOSECONDS);
            if (status == Status.COMMITTED && written != 0) {
                sealing.sealCommitted();
            }
        }
    }

    /** Seals every committed pending event now (start-up, the periodic sealer, tests). */
    public int sealPending() {
        return sealing.sealAll();
    }

    /** For events that stand alone (a refused attempt, an export, a verification): their own transaction. */
    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    public AuditEvent recordAlone(Actor actor, String action, AuditSubject subject, Map<String, Object> details) {
        return trail.append(new AuditRecord(auditActor(actor), action, subject, details, null));
    }

    /**
     * Records the export and signs the head in one transaction; the export then ends at that signed head, or, when it
     * asks for a range that ends earlier ({@code toSequence}), at that event, which is then signed too: every
     * contiguous export ends at a checkpoint.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    public AuditEvent recordExport(Actor actor, Map<String, Object> details, Long toSequence) {
        var event = trail.append(new AuditRecord(auditActor(actor), AuditActions.AUDIT_EXPORTED,
                new AuditSubject("audit-trail", "export"), details, null));
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
