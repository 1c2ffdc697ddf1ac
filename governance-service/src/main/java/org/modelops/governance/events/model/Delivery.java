package org.modelops.governance.events.model;

import java.time.Instant;

/** One event for one subscription, and how its delivery went so far. */
public record Delivery(long id, long subscriptionId, long eventId, String type, String model, Integer version,
        DeliveryStatus status, int attempts, Instant lastAttemptAt, Instant nextAttemptAt, Integer lastStatusCode,
        String lastError, Instant deliveredAt) {
}
