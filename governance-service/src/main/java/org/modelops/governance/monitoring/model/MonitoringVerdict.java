package org.modelops.governance.monitoring.model;

/**
 * What a signal says about a window or a version. Too little data is a verdict of its own and never a pass; of two
 * verdicts the more severe one stands: BREACH, then INSUFFICIENT_DATA (nothing says the version is fine, and waiting
 * alone will not change that), then PENDING_LABELS (outcomes are not mature yet: waiting will tell), then WARN, then
 * PASS.
 */
public enum MonitoringVerdict {
    PASS, WARN, PENDING_LABELS, INSUFFICIENT_DATA, BREACH;

    public MonitoringVerdict worse(MonitoringVerdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** Whether the verdict says nothing yet about the version's quality (too little data, or labels pending). */
    public boolean undecided() {
        return this == INSUFFICIENT_DATA || this == PENDING_LABELS;
    }

    /** The verdict of a statistic against its levels: at or above {@code breach} breaches, at or above warn warns. */
    public static MonitoringVerdict of(double statistic, double warn, double breach) {
        return statistic >= breach ? BREACH : statistic >= warn ? WARN : PASS;
    }

    /**
     * The verdict of a value against its levels in the given direction: where higher is worse, at or above a level;
     * where lower is worse, below it (a level is a minimum that an equal value meets).
     */
    public static MonitoringVerdict of(double value, double warn, double breach, boolean higherIsWorse) {
        if (higherIsWorse) {
            return of(value, warn, breach);
        }
        return value < breach ? BREACH : value < warn ? WARN : PASS;
    }
}
