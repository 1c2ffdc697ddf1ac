package org.modelops.governance.events.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ordering rule: an undelivered event of a model holds back the model's later events for that subscription. */
class DeliveryOrderingTest {

    @Test
    void anEventNotYetTriedOrBeingRetriedHoldsBackLaterEventsOfItsModel() {
        assertThat(DeliveryStatus.PENDING.holdsBackLaterEvents()).isTrue();
        assertThat(DeliveryStatus.RETRYING.holdsBackLaterEvents()).isTrue();
    }

    @Test
    void aDeliveredOrDeadEventLetsLaterEventsGo() {
        assertThat(DeliveryStatus.DELIVERED.holdsBackLaterEvents()).isFalse();
        assertThat(DeliveryStatus.DEAD.holdsBackLaterEvents()).isFalse();
    }

    @Test
    void theQueueHeadsAreTheHoldingStatuses() {
        assertThat(DeliveryStatus.holding()).containsExactly(DeliveryStatus.PENDING, DeliveryStatus.RETRYING);
    }
}
