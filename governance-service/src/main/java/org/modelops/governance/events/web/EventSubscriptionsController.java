package org.modelops.governance.events.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.modelops.governance.events.EventSubscriptions;
import org.modelops.governance.events.model.Delivery;
import org.modelops.governance.events.model.DeliveryStatus;
import org.modelops.governance.events.model.Subscription;
import org.modelops.governance.security.Actors;
import org.modelops.governance.security.Roles;
import org.modelops.governance.shared.PageRequest;
import org.modelops.governance.web.JsonRequests;
import org.modelops.governance.web.ListView;
import org.modelops.governance.web.QueryParameters;

/** Subscriptions of HTTP endpoints to governed-change events, and their deliveries (docs/events.md). */
@Controller("/api/v1/event-subscriptions")
@Secured(Roles.GOVERNANCE_ADMIN)
class EventSubscriptionsController {

    private final EventSubscriptions subscriptions;
    private final JsonRequests requests;

    EventSubscriptionsController(EventSubscriptions subscriptions, JsonRequests requests) {
        this.subscriptions = subscriptions;
        this.requests = requests;
    }

    @Serdeable
    record SubscribeRequest(String url, @Nullable String description, @Nullable List<String> types,
            @Nullable List<String> models) {
    }

    @Serdeable
    record ChangeRequest(@Nullable String url, @Nullable String description, @Nullable List<String> types,
            @Nullable List<String> models, @Nullable Boolean active) {
    }

    @Serdeable
    record SubscriptionView(long id, String url, @Nullable String description, List<String> types,
            List<String> models, boolean active, Instant createdAt) {
        static SubscriptionView of(Subscription subscription) {
            return new SubscriptionView(subscription.id(), subscription.url(), subscription.description(),
                    subscription.filter().types(), subscription.filter().models(), subscription.active(),
                    subscription.createdAt());
        }
    }

    /** The one answer that carries the secret: after creation and after rotation. */
    @Serdeable
    record SubscriptionWithSecretView(long id, String url, @Nullable String description, List<String> types,
            List<String> models, boolean active, Instant createdAt, String secret) {
        static SubscriptionWithSecretView of(EventSubscriptions.WithSecret created) {
            var view = SubscriptionView.of(created.subscription());
            return new SubscriptionWithSecretView(view.id(), view.url(), view.description(), view.types(),
                    view.models(), view.active(), view.createdAt(), created.secret());
        }
    }

    @Serdeable
    record DeliveryView(long id, long eventId, String type, @Nullable String model, @Nullable Integer version,
            DeliveryStatus status, int attempts, @Nullable Instant lastAttemptAt, @Nullable Instant nextAttemptAt,
            @Nullable Integer lastStatusCode, @Nullable String lastError, @Nullable Instant deliveredAt) {
        static DeliveryView of(Delivery delivery) {
            return new DeliveryView(delivery.id(), delivery.eventId(), delivery.type(), delivery.model(),
                    delivery.version(), delivery.status(), delivery.attempts(), delivery.lastAttemptAt(),
                    delivery.status().holdsBackLaterEvents() ? delivery.nextAttemptAt() : null,
                    delivery.lastStatusCode(), delivery.lastError(), delivery.deliveredAt());
        }
    }

    @Serdeable
    record ReplayedView(int replayed) {
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    HttpResponse<SubscriptionWithSecretView> subscribe(@Nullable @Body byte[] body, Authentication caller) {
        var request = requests.read(body, "event-subscription", SubscribeRequest.class).value();
        var created = subscriptions.subscribe(Actors.of(caller), request.url(), request.description(),
                request.types(), request.models());
        return HttpResponse.created(SubscriptionWithSecretView.of(created),
                URI.create("/api/v1/event-subscriptions/" + created.subscription().id()));
    }

    @Get
    ListView<SubscriptionView> list(@Nullable @QueryValue Integer page, @Nullable @QueryValue Integer size) {
        return ListView.of(subscriptions.subscriptions(PageRequest.of(page, size)), SubscriptionView::of);
    }

    @Get("/{id}")
    SubscriptionView subscription(@PathVariable long id) {
        return SubscriptionView.of(subscriptions.subscription(id));
    }

    @Patch(uri = "/{id}", consumes = {MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    SubscriptionView change(@PathVariable long id, @Nullable @Body byte[] body, Authentication caller) {
        var request = requests.read(body, "event-subscription-change", ChangeRequest.class).value();
        return SubscriptionView.of(subscriptions.change(Actors.of(caller), id, new EventSubscriptions.Change(
                request.url(), request.description(), request.types(), request.models(), request.active())));
    }

    @Delete("/{id}")
    HttpResponse<?> unsubscribe(@PathVariable long id, Authentication caller) {
        subscriptions.unsubscribe(Actors.of(caller), id);
        return HttpResponse.noContent();
    }

    @Post("/{id}/secret")
    SubscriptionWithSecretView rotateSecret(@PathVariable long id, Authentication caller) {
        return SubscriptionWithSecretView.of(subscriptions.rotateSecret(Actors.of(caller), id));
    }

    @Get("/{id}/deliveries")
    ListView<DeliveryView> deliveries(@PathVariable long id, @Nullable @QueryValue String status,
            @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer size) {
        return ListView.of(subscriptions.deliveries(id, QueryParameters.enumValue("status", status,
                DeliveryStatus.class), PageRequest.of(page, size)), DeliveryView::of);
    }

    @Post("/{id}/deliveries/{deliveryId}/replay")
    DeliveryView replay(@PathVariable long id, @PathVariable long deliveryId, Authentication caller) {
        return DeliveryView.of(subscriptions.replay(Actors.of(caller), id, deliveryId));
    }

    @Post("/{id}/replay-dead")
    ReplayedView replayDead(@PathVariable long id, Authentication caller) {
        return new ReplayedView(subscriptions.replayDead(Actors.of(caller), id));
    }
}
