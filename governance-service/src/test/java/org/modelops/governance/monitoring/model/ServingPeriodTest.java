package org.modelops.governance.monitoring.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which windows of a version are judged: only those it served all of. */
class ServingPeriodTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Instant NOW = Instant.parse("2026-12-01T10:20:00Z");
    private static final Instant FIRST = Instant.parse("2026-12-01T03:00:00Z");

    private static Instant at(String time) {
        return Instant.parse("2026-12-01T" + time + ":00Z");
    }

    @Test
    void aServingVersionIsJudgedOnEveryClosedWindowSinceItsFirstUpToTheLatestWanted() {
        assertThat(ServingPeriod.SERVING.serving()).isTrue();
        assertThat(ServingPeriod.SERVING.windows(NOW, FIRST, HOUR, 3)).containsExactly(at("07:00"), at("08:00"),
                at("09:00"));
        assertThat(ServingPeriod.SERVING.windows(NOW, FIRST, HOUR, 100)).hasSize(7).startsWith(FIRST)
                .endsWith(at("09:00"));
        assertThat(ServingPeriod.SERVING.windows(NOW, at("10:00"), HOUR, 3)).as("no window closed since the first")
                .isEmpty();
    }

    @Test
    void aVersionThatStoppedServingIsJudgedOnTheWindowsThatClosedBeforeItStopped() {
        var stopped = new ServingPeriod(Instant.parse("2026-12-01T06:30:00Z"), null);
        assertThat(stopped.serving()).isFalse();
        assertThat(stopped.windows(NOW, FIRST, HOUR, 2)).as("the window it stopped in was only partly served")
                .containsExactly(at("04:00"), at("05:00"));
        assertThat(new ServingPeriod(at("06:00"), null).windows(NOW, FIRST, HOUR, 2)).as("stopped on the hour")
                .containsExactly(at("04:00"), at("05:00"));
        assertThat(new ServingPeriod(at("02:00"), null).windows(NOW, FIRST, HOUR, 2)).isEmpty();
        var stoppedAgain = new ServingPeriod(at("08:00"), at("05:00"));
        assertThat(stoppedAgain.serving()).as("stopped again after it came back").isFalse();
        assertThat(stoppedAgain.windows(NOW, FIRST, HOUR, 2)).containsExactly(at("06:00"), at("07:00"));
    }

    @Test
    void aVersionThatServesAgainSkipsTheWindowsBetweenItsStopAndItsReturn() {
        var resumed = new ServingPeriod(Instant.parse("2026-12-01T05:30:00Z"), Instant.parse("2026-12-01T08:10:00Z"));
        assertThat(resumed.serving()).isTrue();
        assertThat(resumed.windows(NOW, FIRST, HOUR, 4)).as("05:00 to 08:00 were not wholly served")
                .containsExactly(at("03:00"), at("04:00"), at("09:00"));
        assertThat(resumed.windows(NOW, FIRST, HOUR, 2)).containsExactly(at("04:00"), at("09:00"));
        assertThat(new ServingPeriod(at("05:00"), at("07:00")).windows(NOW, FIRST, HOUR, 10))
                .containsExactly(at("03:00"), at("04:00"), at("07:00"), at("08:00"), at("09:00"));
        assertThat(List.of(new ServingPeriod(at("09:00"), at("09:00")).serving())).containsExactly(true);
    }
}
