package org.modelops.governance.events.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When a failed delivery is tried again: after the n-th failed attempt, {@code delays[n-1]} later (the last delay
 * repeats), until {@code maxAttempts} attempts have failed or the next attempt would come later than {@code maxAge}
 * after the event was queued; then it is dead.
 */
public record RetrySchedule(List<Duration> delays, int maxAttempts, Duration maxAge) {

    public static final List<Duration> DEFAULT_DELAYS = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(3),
            Duration.ofHours(6));

    public RetrySchedule {
        if (delays == null || delays.isEmpty()) {
            throw new IllegalArgumentException("at least one retry delay is needed");
        }
        delays = List.copyOf(delays);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /** What follows a failed attempt. */
    public sealed interface Next {
    }

    public record RetryAt(Instant at) implements Next {
    }

    public record GiveUp(String reason) implements Next {
    }

    public Duration delayAfter(int failedAttempts) {
        return delays.get(Math.min(failedAttempts, delays.size()) - 1);
    }

    /** {@code failedAttempts} counts the one that just failed (1 after the first). */
    public Next afterFailure(int failedAttempts, Instant queuedAt, Instant now) {
        if (failedAttempts >= maxAttempts) {
            return new GiveUp("gave up after " + failedAttempts + " attempts (at most " + maxAttempts + ")");
        }
        var at = now.plus(delayAfter(failedAttempts));
        if (at.isAfter(queuedAt.plus(maxAge))) {
            return new GiveUp("gave up after " + failedAttempts + " attempts: the next would be more than " + maxAge
                    + " after the event was queued");
        }
        return new RetryAt(at);
    }
}
