package org.modelops.governance.policy.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The validation stage: required metadata, KPI bounds, fairness gaps between slices and custom conditions. Every rule
 * is reported, passed or not, with its actual value and threshold.
 */
public final class ValidationRules {

    public static final String STAGE = "validation";

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
            results.add(fairness(limit, evidence.sliceMetrics()));
        }
        for (var condition : policy.conditions()) {
            results.add(condition(condition, evidence, conditions));
        }
        return PolicyVerdict.of(STAGE, results);
    }

    private static RuleResult kpi(String metric, Policy.KpiBounds bounds, Double actual) {
        var rule = "kpi:" + metric;
        var threshold = threshold(bounds);
        if (actual == null) {
            return RuleResult.fail(rule, "kpi", null, threshold, metric + " was not reported");
        }
        if (bounds.min() != null && actual < bounds.min()) {
            return RuleResult.fail(rule, "kpi", actual, threshold,
                    metric + " is " + format(actual) + ", below the minimum " + format(bounds.min()));
        }
        if (bounds.max() != null && actual > bounds.max()) {
            return RuleResult.fail(rule, "kpi", actual, threshold,
                    metric + " is " + format(actual) + ", above the maximum " + format(bounds.max()));
        }
        return RuleResult.pass(rule, "kpi", actual, threshold,
                metric + " is " + format(actual) + ", within " + threshold);
    }

    private static RuleResult fairness(Policy.FairnessLimit limit, Map<String, Map<String, Double>> slices) {
        var rule = "fairness:" + limit.metric();
        var threshold = "gap <= " + format(limit.maxGap());
        String lowest = null;
        String highest = null;
        for (var slice : slices.entrySet()) {
            var value = slice.getValue().get(limit.metric());
            if (value == null) {
                continue;
            }
            if (lowest == null || value < slices.get(lowest).get(limit.metric())) {
                lowest = slice.getKey();
            }
            if (highest == null || value > slices.get(highest).get(limit.metric())) {
                highest = slice.getKey();
            }
        }
        if (lowest == null || lowest.equals(highest)) {
            return RuleResult.fail(rule, "fairness", null, threshold,
                    limit.metric() + " must be reported for at least two slices to check fairness");
        }
        double gap = slices.get(highest).get(limit.metric()) - slices.get(lowest).get(limit.metric());
        var between = " between " + highest + " (" + format(slices.get(highest).get(limit.metric())) + ") and "
                + lowest + " (" + format(slices.get(lowest).get(limit.metric())) + ")";
        return gap <= limit.maxGap() + 1e-12
                ? RuleResult.pass(rule, "fairness", format(gap), threshold, limit.metric() + " gap " + format(gap)
                        + between + " is within " + format(limit.maxGap()))
                : RuleResult.fail(rule, "fairness", format(gap), threshold, limit.metric() + " gap " + format(gap)
                        + between + " exceeds " + format(limit.maxGap()));
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

    static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }

}
