package org.modelops.portal.governance;

import java.time.Instant;
import java.util.List;

/**
 * Where the service sends governance events ({@code /api/v1/event-subscriptions}): a webhook URL, the event types
 * and models it wants, whether it is active. {@code secret} signs the deliveries; the service answers it only when
 * the subscription is created or its secret rotated, never again.
 */
public record EventSubscription(String id, String url, String description, List<String> types, List<String> models,
        boolean active, Instant createdAt, String secret) {

    public EventSubscription {
        types = types == null ? List.of() : List.copyOf(types);
        models = models == null ? List.of() : List.copyOf(models);
    }

    /** A new subscription, or changes to one: null leaves a field as it is (PATCH). */
    public record Change(String url, String description, List<String> types, List<String> models, Boolean active) {
    }

    /** One attempt history of sending one event to one subscription. */
    public record Delivery(String id, String eventId, String type, String model, Integer version, String status,
            int attempts, Instant lastAttemptAt, Instant nextAttemptAt, Integer lastStatusCode, String lastError,
            Instant deliveredAt) {

        public boolean dead() {
            return "DEAD".equals(status);
        }
    }

    /** The statuses a delivery passes through. */
    public static final List<String> DELIVERY_STATUSES = List.of("PENDING", "DELIVERED", "RETRYING", "DEAD");
}
