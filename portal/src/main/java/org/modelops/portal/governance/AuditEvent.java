package org.modelops.portal.governance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One event of the tamper-evident audit trail, with the hashes that chain it to its predecessor. */
public record AuditEvent(long sequence, Instant occurredAt, String actor, String actorSubject,
        List<String> actorRoles, String action, String subjectType, String subjectId, Map<String, Object> details,
        String correlation, String previousHash, String hash) {

    public AuditEvent {
        actorRoles = actorRoles == null ? List.of() : List.copyOf(actorRoles);
        details = details == null ? Map.of() : details;
    }
}
