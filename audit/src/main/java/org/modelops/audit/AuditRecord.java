package org.modelops.audit;

import java.util.Map;
import java.util.Objects;

/** An event to be appended: the store assigns its sequence, time and hashes. */
public record AuditRecord(AuditActor actor, String action, AuditSubject subject, Map<String, Object> details,
        String correlation) {

    public AuditRecord {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
        details = details == null ? Map.of() : details;
    }

    public AuditRecord(AuditActor actor, String action, AuditSubject subject, Map<String, Object> details) {
        this(actor, action, subject, details, null);
    }
}
