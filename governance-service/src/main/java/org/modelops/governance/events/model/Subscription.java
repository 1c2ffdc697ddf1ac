package org.modelops.governance.events.model;

import java.time.Instant;

/** An endpoint subscribed to events; its secret is kept apart and shown once. */
public record Subscription(long id, String url, String description, EventFilter filter, boolean active,
        Instant createdAt) {
}
