package org.modelops.governance.events;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a delivery round every {@code governance.events.delivery-interval}, and prunes every
 * {@code governance.events.prune-every}, unless delivery is switched off on this replica.
 */
@Singleton
@Requires(property = "governance.events.delivery-enabled", notEquals = "false")
class EventDeliverySchedule {

    private static final Logger LOG = LoggerFactory.getLogger(EventDeliverySchedule.class);

    private final EventDelivery delivery;
    private final EventsProperties properties;
    private final Clock clock = Clock.systemUTC();

    EventDeliverySchedule(EventDelivery delivery, EventsProperties properties) {
        this.delivery = delivery;
        this.properties = properties;
    }

    @Scheduled(fixedDelay = "${governance.events.prune-every:1h}", initialDelay = "1m")
    void prune() {
        try {
            var removed = delivery.prune(clock.instant().minus(properties.keepDelivered()));
            LOG.debug("event outbox and deliveries pruned: {} rows", removed);
        } catch (RuntimeException e) {
            LOG.warn("pruning the event outbox failed, the next round tries again: {}", e.toString());
        }
    }

    @Scheduled(fixedDelay = "${governance.events.delivery-interval:2s}", initialDelay = "5s")
    void deliver() {
        try {
            var round = delivery.deliverDue(clock.instant());
            if (round.attempted() > 0) {
                LOG.debug("event delivery: {} queued, {} attempted, {} delivered", round.fannedOut(),
                        round.attempted(), round.delivered());
            }
        } catch (RuntimeException e) {
            LOG.warn("event delivery round failed, the next one tries again: {}", e.toString());
        }
    }
}
