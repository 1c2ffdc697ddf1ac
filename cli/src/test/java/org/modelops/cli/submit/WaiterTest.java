package org.modelops.cli.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.modelops.cli.CliException;
import org.modelops.cli.ExitCode;
import org.modelops.cli.Sleeper;
import org.modelops.cli.http.Json;

/** The wait: a clock moved by the sleeper, states served in order. */
class WaiterTest {

    /** A clock that only the sleeper moves. */
    static final class FakeTime extends Clock implements Sleeper {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        final List<Duration> pauses = new ArrayList<>();

        @Override
        public void sleep(Duration duration) {
            pauses.add(duration);
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final FakeTime time = new FakeTime();
    private final Waiter waiter = new Waiter(time, time);

    private static JsonNode version(String state) {
        return Json.object().put("model", "m").put("version", 1).put("state", state);
    }

    private static Supplier<JsonNode> states(String... states) {
        var queue = new ArrayDeque<>(List.of(states));
        return () -> version(queue.size() > 1 ? queue.poll() : queue.peek());
    }

    @Test
    void returnsAtOnceWhenTheStateAlreadyMeetsTheRequirement() {
        var result = waiter.await(states("PENDING_APPROVAL"), Requirement.VALIDATED, Duration.ofMinutes(1),
                v -> {
                });
        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(time.pauses).isEmpty();
    }

    @Test
    void pollsWithGrowingPausesUntilTheRequirementIsMet() {
        var seen = new ArrayList<String>();
        var result = waiter.await(states("REGISTERED", "VALIDATING", "VALIDATING", "PENDING_APPROVAL", "APPROVED"),
                Requirement.APPROVED, Duration.ofMinutes(10), v -> seen.add(v.path("state").asText()));
        assertThat(result.outcome()).isEqualTo(Requirement.Outcome.MET);
        assertThat(result.polls()).isEqualTo(5);
        assertThat(time.pauses).containsExactly(Duration.ofSeconds(1), Duration.ofMillis(1500),
                Duration.ofMillis(2250), Duration.ofMillis(3375));
        assertThat(seen).containsExactly("REGISTERED", "VALIDATING", "PENDING_APPROVAL", "APPROVED");
    }

    @Test
    void aRejectedVersionEndsTheWaitWithTheRejectedCode() {
        var result = waiter.await(states("VALIDATING", "REJECTED"), Requirement.SERVING, Duration.ofMinutes(10),
                v -> {
                });
        assertThat(result.exitCode()).isEqualTo(ExitCode.REJECTED);
        assertThat(result.version().path("state").asText()).isEqualTo("REJECTED");
    }

    @Test
    void theWaitTimesOutAtTheDeadlineAndNeverSleepsPastIt() {
        var result = waiter.await(states("PENDING_APPROVAL"), Requirement.APPROVED, Duration.ofSeconds(100),
                v -> {
                });
        assertThat(result.exitCode()).isEqualTo(ExitCode.TIMED_OUT);
        assertThat(time.pauses.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(100));
        assertThat(time.pauses).allSatisfy(pause -> assertThat(pause).isLessThanOrEqualTo(Waiter.LONGEST_PAUSE));
    }

    @Test
    void thePauseGrowsToThirtySecondsAndStaysThere() {
        var pause = Waiter.FIRST_PAUSE;
        for (int i = 0; i < 20; i++) {
            pause = Waiter.next(pause);
        }
        assertThat(pause).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anUnavailableServiceIsPolledAgain() {
        var answers = new ArrayDeque<Supplier<JsonNode>>();
        answers.add(() -> {
            throw CliException.unavailable("down", null);
        });
        answers.add(() -> version("CHAMPION"));
        var result = waiter.await(() -> answers.poll().get(), Requirement.CHAMPION, Duration.ofMinutes(1), v -> {
        });
        assertThat(result.outcome()).isEqualTo(Requirement.Outcome.MET);
        assertThat(time.pauses).hasSize(1);
    }

    @Test
    void anUnavailableServiceUntilTheDeadlineIsUnavailable() {
        Supplier<JsonNode> down = () -> {
            throw CliException.unavailable("down", null);
        };
        try {
            waiter.await(down, Requirement.VALIDATED, Duration.ofSeconds(5), v -> {
            });
            throw new AssertionError("expected unavailable");
        } catch (CliException e) {
            assertThat(e.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
        }
    }

    @Test
    void otherFailuresEndTheWaitAtOnce() {
        Supplier<JsonNode> gone = () -> {
            throw new CliException(ExitCode.NOT_FOUND, "gone");
        };
        try {
            waiter.await(gone, Requirement.VALIDATED, Duration.ofSeconds(5), v -> {
            });
            throw new AssertionError("expected not found");
        } catch (CliException e) {
            assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
            assertThat(time.pauses).isEmpty();
        }
    }
}
