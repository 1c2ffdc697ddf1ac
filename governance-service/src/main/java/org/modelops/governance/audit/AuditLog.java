package org.modelops.governance.audit;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.modelops.audit.AuditActor;
import org.modelops.audit.AuditEvent;
import org.modelops.audit.AuditRecord;
import org.modelops.audit.AuditSubject;
import org.modelops.audit.ChainVerification;
import org.modelops.audit.JdbcAuditTrail;
import org.modelops.governance.security.Actor;

/**
 * Records governed changes. {@link #record} requires a running transaction — the one of the change it records — so
 * the event cannot outlive or miss its change.
 */
@Singleton
public class AuditLog {

    private final JdbcAuditTrail trail;

    AuditLog(DataSource dataSource) {
        this.trail = new JdbcAuditTrail(dataSource, Clock.systemUTC());
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public AuditEvent record(Actor actor, String action, AuditSubject subject, Map<String, Object> details,
            String correlation) {
        return trail.append(new AuditRecord(new AuditActor(actor.subject(), actor.username(), actor.roles()), action,
                subject, details, correlation));
    }

    @ReadOnly
    public ChainVerification verify(Long from, Long to) {
        return trail.verify(from, to);
    }
}
