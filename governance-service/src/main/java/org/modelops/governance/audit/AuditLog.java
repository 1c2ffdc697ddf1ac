package org.modelops.governance.audit;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private final JdbcAuditTrail trail;
    private final CheckpointSigner signer;
    private final CheckpointWitness witness;
    private final TransactionOperations<Connection> transactions;

    AuditLog(DataSource dataSource, AuditProperties properties, CheckpointWitness witness,
            TransactionOperations<Connection> transactions) {
        this.trail = new JdbcAuditTrail(dataSource, Clock.systemUTC());
        this.signer = CheckpointSigner.fromBase64(properties.keyId(), properties.signingKey(),
                properties.publicKey());
        this.witness = witness;
        this.transactions = transactions;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public AuditEvent record(Actor actor, String action, AuditSubject subject, Map<String, Object> details,
            String correlation) {
        return trail.append(new AuditRecord(auditActor(actor), action, subject, details, correlation));
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
        var event = trail
                .append(new AuditRecord(auditActor(actor), AuditActions.AUDIT_EXPORTED, new AuditSubject("audit-trail",
                        "export"), details, null));
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
        trail.forEach(query, consumer);
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
