package org.modelops.governance.monitoring.model;

/**
 * What a signal says about a window or a version. Too little data is a verdict of its own and never a pass; of two
 * verdicts the more severe one stands (BREACH, then INSUFFICIENT_DATA, then WARN, then PASS).
 */
public enum MonitoringVerdict {
    PASS, WARN, INSUFFICIENT_DATA, BREACH;

    public MonitoringVerdict worse(MonitoringVerdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** The verdict of a statistic against its levels: at or above {@code breach} breaches, at or above warn warns. */
    public static MonitoringVerdict of(double statistic, double warn, double breach) {
        return statistic >= breach ? BREACH : statistic >= warn ? WARN : PASS;
    }
}
