package org.modelops.governance.policy.model;

import static org.modelops.governance.policy.model.ValidationRules.format;
import static org.modelops.governance.policy.model.ValidationRules.round;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One fairness limit applied to the slices that report its metric (values already rounded, slices in name order):
 * the required slices are there, the gap (highest − lowest) is at most {@code maxGap}, the ratio (lowest / highest)
 * is at least {@code minRatio}. Equal values are the fairest outcome there is, so they always pass.
 */
final class FairnessRules {

    private static final String KIND = "fairness";

    private FairnessRules() {
    }

    static RuleResult requiredSlices(Policy.FairnessLimit limit, SortedMap<String, Double> reported) {
        var rule = "fairness-slices:" + limit.metric();
        var threshold = "reported for " + String.join(", ", limit.requiredSlices());
        var missing = limit.requiredSlices().stream().filter(slice -> !reported.containsKey(slice)).toList();
        if (missing.isEmpty()) {
            return RuleResult.pass(rule, KIND, "present", threshold,
                    limit.metric() + " is reported for every required slice");
        }
        return RuleResult.fail(rule, KIND, "missing " + String.join(", ", missing), threshold,
                limit.metric() + " is not reported for the required slice" + (missing.size() == 1 ? " " : "s ")
                        + String.join(", ", missing));
    }

    static RuleResult gap(Policy.FairnessLimit limit, SortedMap<String, Double> reported) {
        var rule = "fairness:" + limit.metric();
        var threshold = "gap <= " + format(limit.maxGap());
        if (reported.size() < 2) {
            return tooFewSlices(rule, threshold, limit.metric(), reported);
        }
        var lowest = lowest(reported);
        var highest = highest(reported);
        double gap = round(highest.getValue() - lowest.getValue());
        var what = limit.metric() + " gap " + format(gap) + spread(limit.metric(), lowest, highest, reported);
        return gap <= limit.maxGap()
                ? RuleResult.pass(rule, KIND, format(gap), threshold, what + " is within " + format(limit.maxGap()))
                : RuleResult.fail(rule, KIND, format(gap), threshold, what + " exceeds " + format(limit.maxGap()));
    }

    static RuleResult ratio(Policy.FairnessLimit limit, SortedMap<String, Double> reported) {
        var rule = "fairness-ratio:" + limit.metric();
        var threshold = "ratio >= " + format(limit.minRatio());
        if (reported.size() < 2) {
            return tooFewSlices(rule, threshold, limit.metric(), reported);
        }
        var lowest = lowest(reported);
        var highest = highest(reported);
        if (lowest.getValue() < 0) {
            return RuleResult.fail(rule, KIND, null, threshold, "a ratio of " + limit.metric()
                    + " needs values of at least 0, but " + lowest.getKey() + " has " + format(lowest.getValue()));
        }
        if (highest.getValue() == 0) {
            return RuleResult.pass(rule, KIND, format(1.0), threshold, limit.metric()
                    + " is 0 in every slice, so no slice fares worse than another (ratio taken as 1.0)");
        }
        double ratio = round(lowest.getValue() / highest.getValue());
        var what = limit.metric() + " ratio " + format(ratio) + (ratio == 1.0
                ? spread(limit.metric(), lowest, highest, reported)
                : " of " + lowest.getKey() + " (" + format(lowest.getValue()) + ") to " + highest.getKey() + " ("
                        + format(highest.getValue()) + ")");
        return ratio >= limit.minRatio()
                ? RuleResult.pass(rule, KIND, format(ratio), threshold, what + " meets the minimum "
                        + format(limit.minRatio()))
                : RuleResult.fail(rule, KIND, format(ratio), threshold, what + " is below the minimum "
                        + format(limit.minRatio()));
    }

    private static RuleResult tooFewSlices(String rule, String threshold, String metric,
            SortedMap<String, Double> reported) {
        return RuleResult.fail(rule, KIND, null, threshold, reported.isEmpty()
                ? metric + " is not reported for any slice; fairness needs it for at least two"
                : metric + " is reported only for " + reported.firstKey() + "; fairness needs at least two slices");
    }

    private static String spread(String metric, Map.Entry<String, Double> lowest, Map.Entry<String, Double> highest,
            SortedMap<String, Double> reported) {
        if (lowest.getValue().equals(highest.getValue())) {
            return " (" + metric + " is " + format(lowest.getValue()) + " in every slice: "
                    + String.join(", ", List.copyOf(reported.keySet())) + ")";
        }
        return " between " + highest.getKey() + " (" + format(highest.getValue()) + ") and " + lowest.getKey() + " ("
                + format(lowest.getValue()) + ")";
    }

    private static Map.Entry<String, Double> lowest(SortedMap<String, Double> reported) {
        return reported.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
    }

    private static Map.Entry<String, Double> highest(SortedMap<String, Double> reported) {
        return reported.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
    }
}
