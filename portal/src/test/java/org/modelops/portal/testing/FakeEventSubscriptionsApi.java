package org.modelops.portal.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.modelops.portal.governance.EventSubscription;
import org.modelops.portal.governance.EventSubscription.Delivery;
import org.modelops.portal.governance.EventSubscriptionsApi;
import org.modelops.portal.governance.Page;

/** Event subscriptions in memory, as the service keeps them: secrets answered once, deliveries per subscription. */
public class FakeEventSubscriptionsApi implements EventSubscriptionsApi {

    public record Call(String method, List<Object> arguments) {
    }

    public final Map<String, EventSubscription> subscriptions = new LinkedHashMap<>();
    public final Map<String, List<Delivery>> deliveries = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, RuntimeException> failures = new HashMap<>();
    private int secrets;

    public FakeEventSubscriptionsApi failing(String method, RuntimeException failure) {
        failures.put(method, failure);
        return this;
    }

    public FakeEventSubscriptionsApi succeeding(String method) {
        failures.remove(method);
        return this;
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    private void record(String method, Object... arguments) {
        calls.add(new Call(method, Arrays.asList(arguments)));
        var failure = failures.get(method);
        if (failure != null) {
            throw failure;
        }
    }

    public static EventSubscription subscription(String id, String url, boolean active) {
        return new EventSubscription(id, url, "the risk team's hook", List.of("version.promoted"),
                List.of("credit-score"), active, Instant.parse("2026-03-01T08:00:00Z"), null);
    }

    @Override
    public List<EventSubscription> subscriptions() {
        record("subscriptions");
        return List.copyOf(subscriptions.values());
    }

    @Override
    public EventSubscription subscription(String id) {
        record("subscription", id);
        return subscriptions.get(id);
    }

    @Override
    public EventSubscription create(EventSubscription.Change subscription) {
        record("create", subscription);
        var id = "sub-" + (subscriptions.size() + 1);
        var created = new EventSubscription(id, subscription.url(), subscription.description(),
                subscription.types(), subscription.models(), true, Instant.parse("2026-03-02T09:00:00Z"), null);
        subscriptions.put(id, created);
        return withSecret(created);
    }

    @Override
    public EventSubscription update(String id, EventSubscription.Change change) {
        record("update", id, change);
        var old = subscriptions.get(id);
        var updated = new EventSubscription(id, change.url() == null ? old.url() : change.url(),
                change.description() == null ? old.description() : change.description(),
                change.types() == null ? old.types() : change.types(),
                change.models() == null ? old.models() : change.models(),
                change.active() == null ? old.active() : change.active(), old.createdAt(), null);
        subscriptions.put(id, updated);
        return updated;
    }

    @Override
    public void delete(String id) {
        record("delete", id);
        subscriptions.remove(id);
    }

    @Override
    public EventSubscription rotateSecret(String id) {
        record("rotateSecret", id);
        return withSecret(subscriptions.get(id));
    }

    @Override
    public Page<Delivery> deliveries(String id, String status, int page, int size) {
        record("deliveries", id, status, page, size);
        var matching = deliveries.getOrDefault(id, List.of())
                .stream()
                .filter(d -> status == null || status.equals(d.status()))
                .toList();
        var from = Math.min(matching.size(), page * size);
        var to = Math.min(matching.size(), from + size);
        return new Page<>(matching.subList(from, to), matching.size(), page, size);
    }

    @Override
    public void replay(String id, String deliveryId) {
        record("replay", id, deliveryId);
    }

    @Override
    public void replayDead(String id) {
        record("replayDead", id);
    }

    private EventSubscription withSecret(EventSubscription s) {
        secrets++;
        return new EventSubscription(s.id(), s.url(), s.description(), s.types(), s.models(), s.active(),
                s.createdAt(), "whsec-" + secrets + "-" + s.id());
    }
}
