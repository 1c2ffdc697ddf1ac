package org.modelops.portal.governance;

import java.time.Instant;
import java.util.List;

/**
 * One signal's metric over closed windows
 * ({@code GET /api/v1/models/{name}/versions/{v}/monitoring/series}): the statistic, its warn and breach levels (null
 * when the policy sets none), {@code direction} "above" (a value at or above a level crosses it) or "below", and per
 * window the value, its interval ({@code lower}/{@code upper}, null without one), the records counted and the verdict.
 */
public record SignalSeries(String signal, String metric, String statistic, Double warn, Double breach,
        String direction, List<Point> points) {

    public SignalSeries {
        points = points == null ? List.of() : List.copyOf(points);
    }

    public boolean below() {
        return "below".equalsIgnoreCase(direction);
    }

    public record Point(Instant windowStart, Instant windowEnd, Double value, Double lower, Double upper, Long count,
            String verdict) {

        public boolean breached() {
            return "BREACH".equals(verdict);
        }
    }
}
