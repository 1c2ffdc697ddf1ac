package org.modelops.governance.monitoring.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.modelops.governance.policy.model.Policy;

/**
 * Judges the quality of a window's inputs from its tallies: the volume (records, lower is worse: silence breaches)
 * and, with at least {@code minSample} records, the worst column's share of missing values, of numbers outside the
 * baseline's range and of categories the baseline did not have. Rates are the window's complete observation, so they
 * carry no interval.
 */
public final class DataQualityJudge {

    public static final String RECORDS = "records";
    public static final String MISSING = "missing:";
    public static final String OUT_OF_RANGE = "out-of-range:";
    public static final String UNSEEN = "unseen:";

    public static final String MISSING_RATE = "missingRate";
    public static final String OUT_OF_RANGE_RATE = "outOfRangeRate";
    public static final String UNSEEN_CATEGORY_RATE = "unseenCategoryRate";

    private DataQualityJudge() {
    }

    /** Whether a value of a numeric column lies outside the baseline's range (unknown range: never). */
    public static boolean outOfRange(BaselineProfile.Column column, Object value) {
        if (!(value instanceof Number number) || column.min() == null || column.max() == null) {
            return false;
        }
        var x = number.doubleValue();
        return !Double.isNaN(x) && (x < column.min() || x > column.max());
    }

    public static SignalWindow window(BaselineProfile baseline, Policy.DataQuality policy, Instant start,
            WindowTallies tallies) {
        long records = tallies.count(RECORDS, 0);
        var measures = new ArrayList<Measure>();
        if (policy.minRecords() != null) {
            var levels = policy.minRecords();
            measures.add(new Measure("records", "count", (double) records, null, null, records, levels.warn(),
                    levels.breach(), Measure.BELOW, MonitoringVerdict.of(records, levels.warn(), levels.breach(),
                            false),
                    null));
        }
        rate(measures, MISSING_RATE, policy.missingRate(), baseline.columns(), MISSING, records, policy.minSample(),
                tallies);
        rate(measures, OUT_OF_RANGE_RATE, policy.outOfRangeRate(), baseline.columns().stream()
                .filter(column -> column.bins() instanceof Bins.Numeric).toList(), OUT_OF_RANGE, records,
                policy.minSample(), tallies);
        rate(measures, UNSEEN_CATEGORY_RATE, policy.unseenCategoryRate(), baseline.columns().stream()
                .filter(column -> column.bins() instanceof Bins.Categorical).toList(), UNSEEN, records,
                policy.minSample(), tallies);
        return new SignalWindow(start, start.plus(policy.window()), records, measures,
                SignalRules.worst(measures.stream().map(Measure::verdict).toList()));
    }

    private static void rate(List<Measure> measures, String metric, Policy.Levels levels,
            List<BaselineProfile.Column> columns, String prefix, long records, int minSample, WindowTallies tallies) {
        if (levels == null) {
            return;
        }
        Double worst = null;
        String worstColumn = null;
        long worstCount = 0;
        if (records > 0) {
            worst = 0.0;
            for (var column : columns) {
                var count = tallies.count(prefix + column.name(), 0);
                var rate = (double) count / records;
                if (worstColumn == null || rate > worst) {
                    worst = rate;
                    worstColumn = column.name();
                    worstCount = count;
                }
            }
        }
        var verdict = records < minSample || worst == null
                ? MonitoringVerdict.INSUFFICIENT_DATA
                : MonitoringVerdict.of(worst, levels.warn(), levels.breach());
        var detail = new LinkedHashMap<String, Object>();
        if (worstColumn != null) {
            detail.put("column", worstColumn);
            detail.put("affected", worstCount);
        }
        measures.add(new Measure(metric, "share", worst, null, null, records, levels.warn(), levels.breach(),
                Measure.ABOVE, verdict, detail));
    }
}
