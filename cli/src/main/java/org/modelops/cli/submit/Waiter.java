package org.modelops.cli.submit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.modelops.cli.CliException;
import org.modelops.cli.ExitCode;
import org.modelops.cli.Sleeper;
import org.modelops.cli.http.Json;

/**
 * Polls a version until its state meets the {@link Requirement}, can no longer meet it, or the timeout runs out. The
 * pause starts at {@link #FIRST_PAUSE} and grows by half each time up to {@link #LONGEST_PAUSE} (validation takes
 * seconds, a decision by people hours); it never sleeps past the deadline. An unavailable service (a 5xx, a refused
 * connection) is polled again until the deadline, as a pipeline would want.
 */
public final class Waiter {

    public static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    public static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    /** How the wait ended: the last version read and its outcome. */
    public record Result(JsonNode version, Requirement.Outcome outcome, int polls) {

        public int exitCode() {
            return switch (outcome) {
                case MET -> ExitCode.OK;
                case FAILED -> ExitCode.REJECTED;
                case WAITING -> ExitCode.TIMED_OUT;
            };
        }
    }

    private final Clock clock;
    private final Sleeper sleeper;

    public Waiter(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The pause after {@code pause}: half again as long, at most {@link #LONGEST_PAUSE}. */
    static Duration next(Duration pause) {
        var longer = pause.plus(pause.dividedBy(2));
        return longer.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : longer;
    }

    public Result await(Supplier<JsonNode> read, Requirement requirement, Duration timeout,
            Consumer<JsonNode> onChange) {
        var deadline = clock.instant().plus(timeout);
        var pause = FIRST_PAUSE;
        JsonNode last = null;
        String lastState = null;
        int polls = 0;
        while (true) {
            JsonNode version = null;
            try {
                version = read.get();
                polls++;
            } catch (CliException e) {
                if (e.exitCode() != ExitCode.UNAVAILABLE) {
                    throw e;
                }
            }
            if (version != null) {
                last = version;
                var state = Json.text(version, "state");
                if (!java.util.Objects.equals(state, lastState)) {
                    lastState = state;
                    onChange.accept(version);
                }
                var outcome = requirement.judge(state);
                if (outcome != Requirement.Outcome.WAITING) {
                    return new Result(version, outcome, polls);
                }
            }
            var left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                if (last == null) {
                    throw CliException.unavailable("the service could not be reached while waiting", null);
                }
                return new Result(last, Requirement.Outcome.WAITING, polls);
            }
            try {
                sleeper.sleep(pause.compareTo(left) > 0 ? left : pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(last, Requirement.Outcome.WAITING, polls);
            }
            pause = next(pause);
        }
    }
}
