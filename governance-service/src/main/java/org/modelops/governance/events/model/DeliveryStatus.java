package org.modelops.governance.events.model;

import java.util.Arrays;
import java.util.List;

/**
 * Where one event stands for one subscription. PENDING: not tried yet (or replayed); RETRYING: tried, failed, tried
 * again at {@code nextAttemptAt}; DELIVERED: the receiver answered 2xx; DEAD: given up (dead letter).
 */
public enum DeliveryStatus {
    PENDING, RETRYING, DELIVERED, DEAD;

    /**
     * The ordering rule: while an event of a model is PENDING or RETRYING for a subscription, later events of that
     * model wait for it; once it is DELIVERED or DEAD they go on.
     */
    public boolean holdsBackLaterEvents() {
        return this == PENDING || this == RETRYING;
    }

    public static List<DeliveryStatus> holding() {
        return Arrays.stream(values()).filter(DeliveryStatus::holdsBackLaterEvents).toList();
    }
}
