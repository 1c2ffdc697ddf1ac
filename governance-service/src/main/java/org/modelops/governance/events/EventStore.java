package org.modelops.governance.events;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.modelops.governance.events.model.Delivery;
import org.modelops.governance.events.model.DeliveryStatus;
import org.modelops.governance.events.model.EventFilter;
import org.modelops.governance.events.model.OutboxEntry;
import org.modelops.governance.events.model.Subscription;
import org.modelops.governance.shared.Page;
import org.modelops.governance.shared.PageRequest;

/** Outbox, subscriptions and deliveries in the database; every method runs in the caller's transaction. */
public interface EventStore {

    /** One statement for all of them, on the connection of the transaction that appended their audit events. */
    void addToOutbox(Connection connection, List<OutboxEntry> entries);

    /** The audit chain's committed head: where a new or re-activated subscription starts. */
    long outboxHead();

    Subscription create(String url, String description, EventFilter filter, String secret, long startAfter,
            String createdBy, Instant at);

    Optional<Subscription> subscription(long id);

    /** Locks the subscription's row for a change. */
    Optional<Subscription> lock(long id);

    Page<Subscription> subscriptions(PageRequest page);

    void update(long id, String url, String description, EventFilter filter, boolean active, Long restartAfter,
            Instant at);

    void rotateSecret(long id, String secret, Instant previousValidUntil, Instant at);

    boolean delete(long id);

    Page<Delivery> deliveries(long subscriptionId, DeliveryStatus status, PageRequest page);

    Optional<Delivery> delivery(long subscriptionId, long deliveryId);

    /** DEAD deliveries of the subscription (or just the one named) become PENDING again; returns how many. */
    int replayDead(long subscriptionId, Long deliveryId, Instant at);

    /** A subscription ready to fan out (locked, skipped when another replica holds it). */
    record FanOut(long subscriptionId, EventFilter filter, long after) {
    }

    List<FanOut> lockActiveForFanOut();

    List<OutboxEntry> outboxAfter(long sequence, int limit);

    void queue(long subscriptionId, List<OutboxEntry> entries, long fannedOutTo, Instant at);

    /** A delivery a replica took: what it needs to send it. */
    record Claimed(long deliveryId, UUID claim, long subscriptionId, String url, String secret,
            String previousSecret, Instant previousSecretUntil, long sequence, int attempts, Instant queuedAt) {
    }

    /**
     * Takes up to {@code limit} due deliveries of active subscriptions, each the oldest undelivered one of its
     * (subscription, model), and leases them until {@code leasedUntil}.
     */
    List<Claimed> claimDue(Instant now, Instant leasedUntil, int limit);

    /** Records an attempt's outcome if the claim still holds; false when another replica took the delivery since. */
    boolean recordAttempt(Claimed claimed, DeliveryStatus status, Instant at, Integer statusCode, String error,
            Instant nextAttemptAt);

    void deactivate(long subscriptionId, Instant at);

    /**
     * Deletes outbox rows every active subscription has fanned out (deliveries keep what they need; envelopes are
     * built from the audit trail) and DELIVERED deliveries delivered before {@code deliveredBefore}; returns how many
     * rows went.
     */
    long prune(Instant deliveredBefore);

    /** Deliveries still PENDING or RETRYING, of every subscription. */
    long undelivered();
}
