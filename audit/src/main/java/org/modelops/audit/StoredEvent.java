package org.modelops.audit;

/**
 * An event's columns as PostgreSQL stores them, undecoded: {@code details} is the {@code jsonb} text, the time is
 * microseconds since the epoch. Verification hashes these directly ({@link CanonicalWriter}) instead of decoding them
 * into an {@link AuditEvent} first.
 */
public record StoredEvent(long sequence, long occurredAtMicros, String actorSubject, String actorUsername,
        String[] actorRoles, String action, String subjectType, String subjectId, String detailsJson,
        String correlation, String previousHash, String hash) {
}
