package org.modelops.governance.events.model;

import java.time.Instant;
import java.util.Optional;
import org.modelops.audit.AuditEvent;

/** The outbox row of a published audit event: enough to match subscriptions and order delivery, nothing more. */
public record OutboxEntry(long sequence, String type, String model, Integer version, String orderingKey,
        Instant occurredAt) {

    public static Optional<OutboxEntry> of(AuditEvent event) {
        return EventTypes.typeOf(event.action()).map(type -> {
            var subject = EventSubject.of(event.subject());
            return new OutboxEntry(event.sequence(), type, subject.model(), subject.version(), subject.orderingKey(),
                    event.occurredAt());
        });
    }
}
