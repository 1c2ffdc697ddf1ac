package org.modelops.portal.governance;

import static org.modelops.portal.governance.HttpGovernanceApi.call;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.json.JsonMapper;

/** Calls the service's event-subscription endpoints as the signed-in user. */
public class HttpEventSubscriptionsApi implements EventSubscriptionsApi {

    private static final String SUBSCRIPTIONS = "/api/v1/event-subscriptions";
    private final RestClient client;
    private final JsonMapper json;

    public HttpEventSubscriptionsApi(RestClient.Builder builder, URI serviceUrl, Supplier<String> accessToken,
            JsonMapper json) {
        this.client = ServiceClients.asUser(builder, serviceUrl, accessToken, json);
        this.json = json;
    }

    @Override
    public List<EventSubscription> subscriptions() {
        // The list is {items, total} like the service's other lists; a bare array is read as well.
        var body = call(() -> client.get().uri(SUBSCRIPTIONS).retrieve().body(String.class));
        try {
            var tree = json.readTree(body == null ? "{}" : body);
            var items = tree.isArray() ? tree : tree.path("items");
            return items.isMissingNode() || items.isNull()
                    ? List.of()
                    : json.readValue(json.treeAsTokens(items), json.getTypeFactory()
                            .constructCollectionType(List.class, EventSubscription.class));
        } catch (tools.jackson.core.JacksonException e) {
            throw ServiceUnavailable.unreadable("unreadable subscription list: " + e.getMessage(), e);
        }
    }

    @Override
    public EventSubscription subscription(String id) {
        return call(() -> client.get().uri(SUBSCRIPTIONS + "/{id}", id).retrieve().body(EventSubscription.class));
    }

    @Override
    public EventSubscription create(EventSubscription.Change subscription) {
        return call(() -> client.post()
                .uri(SUBSCRIPTIONS)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body(subscription))
                .retrieve()
                .body(EventSubscription.class));
    }

    @Override
    public EventSubscription update(String id, EventSubscription.Change change) {
        return call(() -> client.patch()
                .uri(SUBSCRIPTIONS + "/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body(change))
                .retrieve()
                .body(EventSubscription.class));
    }

    @Override
    public void delete(String id) {
        call(() -> client.delete().uri(SUBSCRIPTIONS + "/{id}", id).retrieve().toBodilessEntity());
    }

    @Override
    public EventSubscription rotateSecret(String id) {
        return call(() -> client.post()
                .uri(SUBSCRIPTIONS + "/{id}/secret", id)
                .retrieve()
                .body(EventSubscription.class));
    }

    @Override
    public Page<EventSubscription.Delivery> deliveries(String id, String status, int page, int size) {
        return call(() -> client.get()
                .uri(uri -> {
                    uri.path(SUBSCRIPTIONS + "/{id}/deliveries");
                    if (status != null && !status.isBlank()) {
                        uri.queryParam("status", status);
                    }
                    return uri.queryParam("page", page).queryParam("size", size).build(id);
                })
                .retrieve()
                .body(Deliveries.class)).page(page, size);
    }

    /** The deliveries answer: {@code items} and the {@code total} over all pages. */
    record Deliveries(List<EventSubscription.Delivery> items, long total) {

        Page<EventSubscription.Delivery> page(int page, int size) {
            return new Page<>(items, total, page, size);
        }
    }

    @Override
    public void replay(String id, String deliveryId) {
        call(() -> client.post()
                .uri(SUBSCRIPTIONS + "/{id}/deliveries/{delivery}/replay", id, deliveryId)
                .retrieve()
                .toBodilessEntity());
    }

    @Override
    public void replayDead(String id) {
        call(() -> client.post().uri(SUBSCRIPTIONS + "/{id}/replay-dead", id).retrieve().toBodilessEntity());
    }

    /** Only the fields given: a PATCH leaves the others as they are. */
    private static LinkedHashMap<String, Object> body(EventSubscription.Change change) {
        var body = new LinkedHashMap<String, Object>();
        if (change.url() != null) {
            body.put("url", change.url());
        }
        if (change.description() != null) {
            body.put("description", change.description());
        }
        if (change.types() != null) {
            body.put("types", change.types());
        }
        if (change.models() != null) {
            body.put("models", change.models());
        }
        if (change.active() != null) {
            body.put("active", change.active());
        }
        return body;
    }
}
