package org.modelops.governance.policy.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The validation stage: required metadata, KPI bounds, fairness between slices and custom conditions. Every rule is
 * reported, passed or not, with its actual value and threshold; numbers are compared as they are shown, rounded to
 * four decimal places.
 */
public final class ValidationRules {

    public static final String STAGE = "validation";

    private static final int DECIMALS = 4;

    private ValidationRules() {
    }

    public static PolicyVerdict evaluate(Policy policy, Evidence evidence, ConditionEvaluator conditions) {
        var results = new ArrayList<RuleResult>();
        for (var field : policy.requiredMetadata()) {
            var rule = "required-metadata:" + field;
            results.add(evidence.presentMetadata().contains(field)
                    ? RuleResult.pass(rule, "metadata", "present", "required", field + " is given")
                    : RuleResult.fail(rule, "metadata", "missing", "required",
                            field + " is required for this policy but was not submitted"));
        }
        policy.kpis().forEach((metric, bounds) -> results.add(kpi(metric, bounds, evidence.metrics().get(metric))));
        for (var limit : policy.fairness()) {
            results.addAll(fairness(limit, evidence.sliceMetrics()));
        }
        for (var condition : policy.conditions()) {
            results.add(condition(condition, evidence, conditions));
        }
        return PolicyVerdict.of(STAGE, results);
    }

    private static RuleResult kpi(String metric, Policy.KpiBounds bounds, Double reported) {
        var rule = "kpi:" + metric;
        var threshold = threshold(bounds);
        if (reported == null) {
            return RuleResult.fail(rule, "kpi", null, threshold, metric + " was not reported");
        }
        double actual = round(reported);
        if (bounds.min() != null && actual < bounds.min()) {
            return RuleResult.fail(rule, "kpi", format(actual), threshold,
                    metric + " is " + format(actual) + ", below the minimum " + format(bounds.min()));
        }
        if (bounds.max() != null && actual > bounds.max()) {
            return RuleResult.fail(rule, "kpi", format(actual), threshold,
                    metric + " is " + format(actual) + ", above the maximum " + format(bounds.max()));
        }
        return RuleResult.pass(rule, "kpi", format(actual), threshold,
                metric + " is " + format(actual) + ", within " + threshold);
    }

    private static List<RuleResult> fairness(Policy.FairnessLimit limit, Map<String, Map<String, Double>> slices) {
        var reported = new TreeMap<String, Double>();
        slices.forEach((slice, metrics) -> {
            var value = metrics == null ? null : metrics.get(limit.metric());
            if (value != null) {
                reported.put(slice, round(value));
            }
        });
        var results = new ArrayList<RuleResult>();
        if (!limit.requiredSlices().isEmpty()) {
            results.add(FairnessRules.requiredSlices(limit, reported));
        }
        if (limit.maxGap() != null) {
            results.add(FairnessRules.gap(limit, reported));
        }
        if (limit.minRatio() != null) {
            results.add(FairnessRules.ratio(limit, reported));
        }
        return results;
    }

    private static RuleResult condition(Policy.CustomCondition condition, Evidence evidence,
            ConditionEvaluator evaluator) {
        var rule = "condition:" + condition.name();
        try {
            boolean holds = evaluator.evaluate(condition.expression(), Map.of("metrics", evidence.metrics(),
                    "sliceMetrics", evidence.sliceMetrics(), "params", evidence.params(), "tags", evidence.tags()));
            return holds
                    ? RuleResult.pass(rule, "condition", true, condition.expression(), condition.name()
                            + " holds")
                    : RuleResult.fail(rule, "condition", false, condition.expression(), condition.message() == null
                            ? condition.name() + " does not hold"
                            : condition.message());
        } catch (IllegalArgumentException e) {
            return RuleResult.fail(rule, "condition", "error", condition.expression(),
                    condition.name() + " could not be evaluated: " + e.getMessage());
        }
    }

    static String threshold(Policy.KpiBounds bounds) {
        var parts = new ArrayList<String>();
        if (bounds.min() != null) {
            parts.add(">= " + format(bounds.min()));
        }
        if (bounds.max() != null) {
            parts.add("<= " + format(bounds.max()));
        }
        return String.join(" and ", parts);
    }

    /**
     * A value as it is shown and compared: rounded half-up to four decimal places, so a verdict never decides on a
     * digit it does not show.
     */
    public static double round(double value) {
        if (!Double.isFinite(value)) {
            return value;
        }
        return BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_UP).doubleValue() + 0.0;
    }

    /** {@link #round rounded}, without trailing zeros but with at least one decimal: 0.15, 0.8, 1.0, -0.0012. */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        var rounded = BigDecimal.valueOf(round(value)).setScale(DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros();
        return (rounded.scale() < 1 ? rounded.setScale(1) : rounded).toPlainString();
    }

}
