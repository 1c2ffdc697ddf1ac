package org.modelops.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event as its change's transaction records it: its id and time are fixed there, its sequence number and hashes
 * only when it is sealed into the chain (docs/audit.md, "Appending: queue, then seal").
 */
public record RecordedEvent(UUID id, Instant occurredAt, AuditRecord record) {

    public RecordedEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(record, "record");
        occurredAt = CanonicalForm.truncate(Objects.requireNonNull(occurredAt, "occurredAt"));
    }

    /** A new event recorded now, with a fresh random id. */
    public static RecordedEvent now(AuditRecord record, java.time.Clock clock) {
        return new RecordedEvent(UUID.randomUUID(), clock.instant(), record);
    }
}
