package org.modelops.governance.events;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import io.micronaut.transaction.TransactionOperations;
import org.modelops.audit.AuditQuery;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.events.EventStore.Claimed;
import org.modelops.governance.events.model.DeliveryStatus;
import org.modelops.governance.events.model.RetrySchedule;
import org.modelops.governance.events.model.WebhookSignature;
import org.modelops.governance.security.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery round, safe to run on every replica at once: fan the outbox out to the subscriptions (each locked by one
 * replica, the others skip it), take the due heads of the (subscription, model) queues (leased, SKIP LOCKED), send
 * them outside any transaction, and record each outcome. {@code now} is the round's clock: the schedule passes the
 * real one, tests move it.
 */
@Singleton
public class EventDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);

    /** What a round did. */
    public record Round(int fannedOut, int attempted, int delivered) {
    }

    private final EventStore store;
    private final AuditLog audit;
    private final EventEnvelopes envelopes;
    private final EventsProperties properties;
    private final RetrySchedule schedule;
    private final TransactionOperations<Connection> transactions;
    private final HttpClient http;
    private final MeterRegistry meters;
    private final AtomicLong undelivered = new AtomicLong();

    EventDelivery(EventStore store, AuditLog audit, EventEnvelopes envelopes, EventsProperties properties,
            TransactionOperations<Connection> transactions, MeterRegistry meters) {
        this.store = store;
        this.audit = audit;
        this.envelopes = envelopes;
        this.properties = properties;
        this.schedule = properties.schedule();
        this.transactions = transactions;
        this.meters = meters;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connect())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        // Deliveries still PENDING or RETRYING across all subscriptions, as of this replica's last round.
        meters.gauge("modelops.events.undelivered", undelivered);
    }

    public Round deliverDue(Instant now) {
        int fannedOut = fanOut(now);
        var claimed = transactions.executeWrite(status -> store.claimDue(now, now.plus(properties.lease()),
                properties.batch()));
        var attempts = new ArrayList<Callable<DeliveryStatus>>();
        claimed.forEach(delivery -> attempts.add(() -> attempt(delivery, now)));
        int delivered = 0;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var outcome : executor.invokeAll(attempts)) {
                try {
                    delivered += outcome.get() == DeliveryStatus.DELIVERED ? 1 : 0;
                } catch (ExecutionException e) {
                    LOG.warn("an event delivery could not be recorded: {}", e.getCause().toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        undelivered.set(transactions.executeRead(status -> store.undelivered()));
        return new Round(fannedOut, claimed.size(), delivered);
    }

    /** Removes what no delivery needs any more: fanned-out outbox rows, deliveries delivered before the given time. */
    public long prune(Instant deliveredBefore) {
        return transactions.executeWrite(status -> store.prune(deliveredBefore));
    }

    /** Matches new outbox events against each active subscription and queues a delivery per match. */
    int fanOut(Instant now) {
        return transactions.executeWrite(status -> {
            int queued = 0;
            for (var subscription : store.lockActiveForFanOut()) {
                var entries = store.outboxAfter(subscription.after(), properties.batch() * 10);
                if (entries.isEmpty()) {
                    continue;
                }
                var matching = entries.stream()
                        .filter(entry -> subscription.filter().matches(entry.type(), entry.model())).toList();
                store.queue(subscription.subscriptionId(), matching, entries.getLast().sequence(), now);
                queued += matching.size();
            }
            return queued;
        });
    }

    private DeliveryStatus attempt(Claimed delivery, Instant now) {
        var outcome = send(delivery, now);
        var status = outcome.status();
        Instant next = null;
        var error = outcome.error();
        if (status == DeliveryStatus.RETRYING) {
            var decided = schedule.afterFailure(delivery.attempts() + 1, delivery.queuedAt(), now);
            if (decided instanceof RetrySchedule.RetryAt retry) {
                next = retry.at();
            } else if (decided instanceof RetrySchedule.GiveUp giveUp) {
                status = DeliveryStatus.DEAD;
                error = error + "; " + giveUp.reason();
            }
        }
        var finalStatus = status;
        var finalNext = next;
        var finalError = error;
        transactions.executeWrite(tx -> {
            boolean recorded = store.recordAttempt(delivery, finalStatus, now, outcome.statusCode(), finalError,
                    finalNext);
            if (recorded && outcome.gone()) {
                store.deactivate(delivery.subscriptionId(), now);
                audit.record(Actor.SYSTEM, AuditActions.EVENT_SUBSCRIPTION_DEACTIVATED,
                        new AuditSubject("event-subscription", Long.toString(delivery.subscriptionId())),
                        Map.of("reason", "the receiver answered 410 Gone", "eventId", delivery.sequence()), null);
            }
            return recorded;
        });
        meters.counter("modelops.events.attempts", "outcome", finalStatus.name().toLowerCase()).increment();
        return finalStatus;
    }

    private record Outcome(DeliveryStatus status, Integer statusCode, String error, boolean gone) {
    }

    private Outcome send(Claimed delivery, Instant now) {
        URI url;
        try {
            url = URI.create(delivery.url());
        } catch (IllegalArgumentException e) {
            return new Outcome(DeliveryStatus.RETRYING, null, "invalid URL: " + e.getMessage(), false);
        }
        if (!properties.receivers().allowed(url.getHost())) {
            return new Outcome(DeliveryStatus.RETRYING, null, "host " + url.getHost()
                    + " is not on governance.events.allowed-hosts", false);
        }
        var events = transactions.executeRead(status -> audit.search(new AuditQuery(null, null, null, null, null,
                null, delivery.sequence(), delivery.sequence()), 0, 1).events());
        if (events.isEmpty()) {
            return new Outcome(DeliveryStatus.DEAD, null, "audit event " + delivery.sequence() + " not found", false);
        }
        var body = envelopes.serialize(envelopes.envelope(events.getFirst()));
        var id = Long.toString(delivery.sequence());
        long timestamp = now.getEpochSecond();
        var signature = WebhookSignature.sign(delivery.secret(), id, timestamp, body);
        if (delivery.previousSecret() != null && delivery.previousSecretUntil() != null
                && now.isBefore(delivery.previousSecretUntil())) {
            signature += " " + WebhookSignature.sign(delivery.previousSecret(), id, timestamp, body);
        }
        var request = HttpRequest.newBuilder(url).timeout(properties.read())
                .header("Content-Type", EventEnvelopes.CONTENT_TYPE).header("User-Agent", "modelops-governance")
                .header("webhook-id", id).header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int code = response.statusCode();
            if (code >= 200 && code < 300) {
                return new Outcome(DeliveryStatus.DELIVERED, code, null, false);
            }
            if (code == 410) {
                return new Outcome(DeliveryStatus.DEAD, code, "410 Gone: the subscription was deactivated", true);
            }
            return new Outcome(DeliveryStatus.RETRYING, code, "the receiver answered " + code, false);
        } catch (HttpTimeoutException e) {
            return new Outcome(DeliveryStatus.RETRYING, null, "timed out: " + e.getMessage(), false);
        } catch (IOException e) {
            return new Outcome(DeliveryStatus.RETRYING, null, "could not reach the receiver: " + e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(DeliveryStatus.RETRYING, null, "interrupted", false);
        }
    }
}
