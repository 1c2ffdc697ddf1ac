package org.modelops.governance.audit;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
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

    AuditLog(DataSource dataSource, AuditProperties properties) {
        this.trail = new JdbcAuditTrail(dataSource, Clock.systemUTC());
        this.signer = CheckpointSigner.fromBase64(properties.keyId(), properties.signingKey(),
                properties.publicKey());
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
        trail.checkpoint(signer);
        if (toSequence != null && toSequence >= 1 && toSequence < event.sequence()) {
            trail.checkpointAt(signer, toSequence);
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

    @ReadOnly
    public ChainVerification verify(Long from, Long to) {
        return trail.verify(from, to, signer.publicKey());
    }

    @Transactional
    public Optional<Checkpoint> checkpoint() {
        return trail.checkpoint(signer);
    }

    public CheckpointSigner signer() {
        return signer;
    }

    private static AuditActor auditActor(Actor actor) {
        return new AuditActor(actor.subject(), actor.username(), actor.roles());
    }
}
