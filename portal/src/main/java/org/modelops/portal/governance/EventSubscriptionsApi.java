package org.modelops.portal.governance;

import java.util.List;

/**
 * The administration of event subscriptions (governance admins only). Refusals, e.g. a URL the service does not
 * accept, are thrown as {@link ServiceRefusal} naming the field.
 */
public interface EventSubscriptionsApi {

    List<EventSubscription> subscriptions();

    EventSubscription subscription(String id);

    /** Creates a subscription; the answer carries its signing secret, the only time it is shown. */
    EventSubscription create(EventSubscription.Change subscription);

    EventSubscription update(String id, EventSubscription.Change change);

    void delete(String id);

    /** A new signing secret; the old one stops working. The answer carries it, the only time it is shown. */
    EventSubscription rotateSecret(String id);

    /** One page of the subscription's deliveries, with {@code status} (null: any). */
    Page<EventSubscription.Delivery> deliveries(String id, String status, int page, int size);

    void replay(String id, String deliveryId);

    void replayDead(String id);
}
