package org.modelops.governance.policy.model;

import java.util.List;

/** Every rule of a stage with its result; the stage passes when all rules do. */
public record PolicyVerdict(String stage, String outcome, List<RuleResult> rules) {

    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";
    public static final String SKIPPED = "SKIPPED";
    public static final String AWAITING_EVALUATION = "AWAITING_EVALUATION";

    public static PolicyVerdict of(String stage, List<RuleResult> rules) {
        return new PolicyVerdict(stage, rules.stream().allMatch(RuleResult::passed) ? PASSED : FAILED,
                List.copyOf(rules));
    }

    public boolean passed() {
        return PASSED.equals(outcome) || SKIPPED.equals(outcome);
    }

    public List<RuleResult> failures() {
        return rules.stream().filter(rule -> !rule.passed()).toList();
    }
}
