package org.modelops.governance.events;

import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.events.model.Delivery;
import org.modelops.governance.events.model.DeliveryStatus;
import org.modelops.governance.events.model.EventFilter;
import org.modelops.governance.events.model.Subscription;
import org.modelops.governance.events.model.WebhookSignature;
import org.modelops.governance.security.Actor;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.Page;
import org.modelops.governance.shared.PageRequest;
import org.modelops.governance.shared.Refusal;

/** Subscriptions to events and their deliveries, as governance admins manage them; every change is audited. */
@Singleton
public class EventSubscriptions {

    public static final int MAX_DESCRIPTION_LENGTH = 1000;

    /** A subscription with its secret, which is shown only in the answer that created or rotated it. */
    public record WithSecret(Subscription subscription, String secret) {
    }

    /** The fields a change names; null ones stay as they are. */
    public record Change(String url, String description, List<String> types, List<String> models, Boolean active) {
    }

    private final EventStore store;
    private final AuditLog audit;
    private final EventsProperties properties;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    EventSubscriptions(EventStore store, AuditLog audit, EventsProperties properties) {
        this.store = store;
        this.audit = audit;
        this.properties = properties;
    }

    @Transactional
    public WithSecret subscribe(Actor actor, String url, String description, List<String> types,
            List<String> models) {
        validate(url, description, types, models, true);
        var filter = new EventFilter(types, models);
        var secret = WebhookSignature.newSecret(random);
        var created = store.create(url, description, filter, secret, store.outboxHead(), actor.username(),
                clock.instant());
        audit.record(actor, AuditActions.EVENT_SUBSCRIPTION_CREATED, subject(created.id()), state(created), null);
        return new WithSecret(created, secret);
    }

    @ReadOnly
    public Subscription subscription(long id) {
        return store.subscription(id).orElseThrow(() -> notFound(id));
    }

    @ReadOnly
    public Page<Subscription> subscriptions(PageRequest page) {
        return store.subscriptions(page);
    }

    /**
     * Changes what the change names. A subscription switched on again starts at the newest event: what happened
     * while it was off is not delivered (deliveries queued before stay and go on).
     */
    @Transactional
    public Subscription change(Actor actor, long id, Change change) {
        var current = store.lock(id).orElseThrow(() -> notFound(id));
        validate(change.url(), change.description(), change.types(), change.models(), false);
        var filter = new EventFilter(change.types() == null ? current.filter().types() : change.types(),
                change.models() == null ? current.filter().models() : change.models());
        var url = change.url() == null ? current.url() : change.url();
        var description = change.description() == null ? current.description() : change.description();
        boolean active = change.active() == null ? current.active() : change.active();
        Long restartAfter = active && !current.active() ? store.outboxHead() : null;
        store.update(id, url, description, filter, active, restartAfter, clock.instant());
        var changed = store.subscription(id).orElseThrow();
        var details = new LinkedHashMap<String, Object>();
        details.put("from", state(current));
        details.put("to", state(changed));
        audit.record(actor, AuditActions.EVENT_SUBSCRIPTION_CHANGED, subject(id), details, null);
        return changed;
    }

    @Transactional
    public void unsubscribe(Actor actor, long id) {
        var current = store.lock(id).orElseThrow(() -> notFound(id));
        store.delete(id);
        audit.record(actor, AuditActions.EVENT_SUBSCRIPTION_DELETED, subject(id), state(current), null);
    }

    /** A new secret; the previous one still signs (as a second signature) for governance.events.secret-overlap. */
    @Transactional
    public WithSecret rotateSecret(Actor actor, long id) {
        var current = store.lock(id).orElseThrow(() -> notFound(id));
        var secret = WebhookSignature.newSecret(random);
        var now = clock.instant();
        var previousUntil = now.plus(properties.previousSecretValidity());
        store.rotateSecret(id, secret, previousUntil, now);
        audit.record(actor, AuditActions.EVENT_SUBSCRIPTION_SECRET_ROTATED, subject(id),
                Map.of("previousSecretValidUntil", previousUntil.toString()), null);
        return new WithSecret(current, secret);
    }

    @ReadOnly
    public Page<Delivery> deliveries(long id, DeliveryStatus status, PageRequest page) {
        subscription(id);
        return store.deliveries(id, status, page);
    }

    /** A DEAD delivery goes back to PENDING (attempts from 0); any other is refused with 409. */
    @Transactional
    public Delivery replay(Actor actor, long id, long deliveryId) {
        store.lock(id).orElseThrow(() -> notFound(id));
        var delivery = store.delivery(id, deliveryId).orElseThrow(() -> Refusal.notFound("delivery-not-found",
                "subscription " + id + " has no delivery " + deliveryId));
        if (delivery.status() != DeliveryStatus.DEAD) {
            throw Refusal.conflict("delivery-not-dead", "delivery " + deliveryId + " is " + delivery.status()
                    + "; only a DEAD delivery can be replayed");
        }
        store.replayDead(id, deliveryId, clock.instant());
        audit.record(actor, AuditActions.EVENT_DELIVERIES_REPLAYED, subject(id),
                Map.of("deliveries", 1, "eventId", delivery.eventId()), null);
        return store.delivery(id, deliveryId).orElseThrow();
    }

    /** Every DEAD delivery of the subscription goes back to PENDING; returns how many. */
    @Transactional
    public int replayDead(Actor actor, long id) {
        store.lock(id).orElseThrow(() -> notFound(id));
        int replayed = store.replayDead(id, null, clock.instant());
        if (replayed > 0) {
            audit.record(actor, AuditActions.EVENT_DELIVERIES_REPLAYED, subject(id), Map.of("deliveries", replayed),
                    null);
        }
        return replayed;
    }

    private void validate(String url, String description, List<String> types, List<String> models,
            boolean creating) {
        var violations = new ArrayList<FieldViolation>();
        if (creating || url != null) {
            violations.addAll(properties.receivers().violations("url", url));
        }
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            violations.add(new FieldViolation("description", "maxLength", "at most " + MAX_DESCRIPTION_LENGTH
                    + " characters, was " + description.length()));
        }
        violations.addAll(EventFilter.violations(types, models));
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
    }

    private static AuditSubject subject(long id) {
        return new AuditSubject("event-subscription", Long.toString(id));
    }

    private static Map<String, Object> state(Subscription subscription) {
        var state = new LinkedHashMap<String, Object>();
        state.put("url", subscription.url());
        if (subscription.description() != null) {
            state.put("description", subscription.description());
        }
        state.put("types", subscription.filter().types());
        state.put("models", subscription.filter().models());
        state.put("active", subscription.active());
        return state;
    }

    private static Refusal notFound(long id) {
        return Refusal.notFound("subscription-not-found", "no event subscription " + id);
    }
}
