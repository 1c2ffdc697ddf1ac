package org.modelops.portal.governance;

import java.util.List;

/** What a policy stage decided ({@code PASSED} or {@code FAILED}) and, rule by rule, why. */
public record Verdict(String stage, String outcome, List<RuleResult> rules) {

    public Verdict {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public boolean passed() {
        return "PASSED".equals(outcome);
    }

    /** One rule of the policy applied to the version: the value found, the threshold, a sentence for people. */
    public record RuleResult(String rule, String kind, boolean passed, String actual, String threshold,
            String message) {
    }
}
