package org.modelops.audit;

import java.time.Instant;
import java.util.Map;

/** An event as stored in the chain. {@code hash} covers every other field; see {@link CanonicalForm}. */
public record AuditEvent(long sequence, Instant occurredAt, AuditActor actor, String action, AuditSubject subject,
        Map<String, Object> details, String correlation, String previousHash, String hash) {

    /** The {@code previousHash} of the first event of a chain. */
    public static final String GENESIS_HASH = "0".repeat(64);

    static AuditEvent sealed(long sequence, Instant occurredAt, AuditRecord record, String previousHash) {
        var unsealed = new AuditEvent(sequence, CanonicalForm.truncate(occurredAt), record.actor(), record.action(),
                record.subject(), record.details(), record.correlation(), previousHash, null);
        return unsealed.withHash(CanonicalForm.hash(unsealed));
    }

    AuditEvent withHash(String newHash) {
        return new AuditEvent(sequence, occurredAt, actor, action, subject, details, correlation, previousHash,
                newHash);
    }
}
