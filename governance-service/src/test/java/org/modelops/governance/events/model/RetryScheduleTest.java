package org.modelops.governance.events.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Instant QUEUED = Instant.parse("2026-12-01T10:00:00Z");
    private final RetrySchedule schedule = new RetrySchedule(RetrySchedule.DEFAULT_DELAYS, 12, Duration.ofDays(2));

    @Test
    void theDelaysGrowFromFiveSecondsToAnHourAndBeyond() {
        assertThat(schedule.delayAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(schedule.delayAfter(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(schedule.delayAfter(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(schedule.delayAfter(4)).isEqualTo(Duration.ofMinutes(10));
        assertThat(schedule.delayAfter(5)).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.delayAfter(7)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void theLastDelayRepeats() {
        assertThat(schedule.delayAfter(8)).isEqualTo(Duration.ofHours(6));
        assertThat(schedule.delayAfter(11)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void aFailedAttemptIsTriedAgainAfterItsDelay() {
        var now = QUEUED.plusSeconds(40);

        assertThat(schedule.afterFailure(2, QUEUED, now)).isEqualTo(new RetrySchedule.RetryAt(now.plusSeconds(30)));
    }

    @Test
    void theLastAllowedAttemptFailingMakesTheDeliveryDead() {
        assertThat(schedule.afterFailure(11, QUEUED, QUEUED.plusSeconds(60)))
                .isInstanceOf(RetrySchedule.RetryAt.class);
        assertThat(schedule.afterFailure(12, QUEUED, QUEUED.plusSeconds(60)))
                .isInstanceOfSatisfying(RetrySchedule.GiveUp.class,
                        giveUp -> assertThat(giveUp.reason()).contains("12 attempts"));
    }

    @Test
    void anAttemptThatWouldComeAfterTheMaximumAgeIsNotMade() {
        var now = QUEUED.plus(Duration.ofDays(2)).minusSeconds(3);

        assertThat(schedule.afterFailure(1, QUEUED, now)).isInstanceOfSatisfying(RetrySchedule.GiveUp.class,
                giveUp -> assertThat(giveUp.reason()).contains("PT48H"));
        assertThat(schedule.afterFailure(1, QUEUED, now.minusSeconds(2)))
                .isEqualTo(new RetrySchedule.RetryAt(QUEUED.plus(Duration.ofDays(2))));
    }
}
