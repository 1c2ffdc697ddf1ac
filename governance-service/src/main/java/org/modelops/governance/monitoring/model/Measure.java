package org.modelops.governance.monitoring.model;

import java.util.Map;

/**
 * One measured value of a signal in one window: the metric (a column, a rate, a KPI), the statistic it is, its value
 * and 95 % interval ({@code lower}/{@code upper}, null where the value is the window's complete observation rather
 * than an estimate), how many records or outcomes it rests on, the levels it was held against in its direction
 * ({@code above}: higher is worse; {@code below}: lower is worse), its verdict, and what else explains it.
 */
public record Measure(String metric, String statistic, Double value, Double lower, Double upper, long count,
        Double warn, Double breach, String direction, MonitoringVerdict verdict, Map<String, Object> detail) {

    public static final String ABOVE = "above";
    public static final String BELOW = "below";

    public Measure {
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }
}
