package org.modelops.governance.events;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.modelops.audit.AuditEvent;
import org.modelops.governance.audit.AppendedEvents;
import org.modelops.governance.events.model.OutboxEntry;

/**
 * Writes the published ones among just-appended audit events to the outbox, in their transaction: one statement, no
 * work per subscription. Relies on the chain's appends being serialised (on its head row), so outbox sequences
 * become visible in increasing order and fan-out may go on from the highest sequence it has seen.
 */
@Singleton
final class EventOutbox implements AppendedEvents {

    private final EventStore store;

    EventOutbox(EventStore store) {
        this.store = store;
    }

    @Override
    public void appended(Connection connection, List<AuditEvent> events) {
        var entries = events.stream().map(OutboxEntry::of).flatMap(Optional::stream).toList();
        store.addToOutbox(connection, entries);
    }
}
