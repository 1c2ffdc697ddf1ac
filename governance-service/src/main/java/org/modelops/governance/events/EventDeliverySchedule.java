package org.modelops.governance.events;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a delivery round every {@code governance.events.delivery-interval}, unless delivery is switched off here. */
@Singleton
@Requires(property = "governance.events.delivery-enabled", notEquals = "false")
class EventDeliverySchedule {

    private static final Logger LOG = LoggerFactory.getLogger(EventDeliverySchedule.class);

    private final EventDelivery delivery;
    private final Clock clock = Clock.systemUTC();

    EventDeliverySchedule(EventDelivery delivery) {
        this.delivery = delivery;
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
