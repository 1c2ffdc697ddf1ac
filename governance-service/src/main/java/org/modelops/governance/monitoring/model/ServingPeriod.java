package org.modelops.governance.monitoring.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * When a version served, as far as monitoring needs it: when it last stopped serving (superseded, rolled back, its
 * rollout stopped) and when a rollback brought it back since, each null when it did not happen. A window is judged
 * only when the version served all of it: after it stopped it gets no traffic, and an empty window would say nothing
 * about the model (its volume rule would breach on the silence). So a version that no longer serves is judged on the
 * windows that closed before it stopped, and one that serves again skips the windows between its stop and its return.
 */
public record ServingPeriod(Instant stoppedAt, Instant resumedAt) {

    /** A version that never stopped serving (or never served): every closed window is judged. */
    public static final ServingPeriod SERVING = new ServingPeriod(null, null);

    /** Whether the version serves now (or never stopped). */
    public boolean serving() {
        return stoppedAt == null || resumedAt != null && !resumedAt.isBefore(stoppedAt);
    }

    /**
     * The starts of the windows to judge, oldest first: the latest {@code wanted} windows that closed by {@code now}
     * — for a version that no longer serves, by the start of the window in which it stopped — none before
     * {@code first} (the first window with records), and none between its last stop and its return.
     */
    public List<Instant> windows(Instant now, Instant first, Duration window, int wanted) {
        var until = serving() || stoppedAt.isAfter(now) ? now : stoppedAt;
        var end = DriftJudge.windowStart(until, window);
        var gapFrom = serving() && stoppedAt != null ? DriftJudge.windowStart(stoppedAt, window) : null;
        var out = new ArrayList<Instant>();
        var start = end.minus(window);
        while (!start.isBefore(first) && out.size() < wanted) {
            if (gapFrom != null && !start.isBefore(gapFrom) && start.isBefore(resumedAt)) {
                start = gapFrom.minus(window);
                continue;
            }
            out.add(start);
            start = start.minus(window);
        }
        Collections.reverse(out);
        return out;
    }
}
