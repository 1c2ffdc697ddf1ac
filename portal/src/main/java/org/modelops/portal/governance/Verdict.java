package org.modelops.portal.governance;

import java.util.List;

/**
 * What a policy stage decided ({@code PASSED}, {@code FAILED}, {@code SKIPPED} when it did not apply, e.g. no champion
 * to compare with, or {@code AWAITING_EVALUATION}) and, rule by rule, why.
 */
public record Verdict(String stage, String outcome, List<RuleResult> rules) {

    public Verdict {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** Whether the stage lets the version go on, as the service counts it: passed, or did not apply. */
    public boolean passed() {
        return "PASSED".equals(outcome) || "SKIPPED".equals(outcome);
    }

    /** The outcome in words. */
    public String outcomeInWords() {
        return switch (outcome == null ? "" : outcome) {
            case "PASSED" -> "Passed";
            case "SKIPPED" -> "Not applicable";
            case "AWAITING_EVALUATION" -> "Waiting for an evaluation on the champion's data";
            default -> "Did not pass";
        };
    }

    /** One rule of the policy applied to the version: the value found, the threshold, a sentence for people. */
    public record RuleResult(String rule, String kind, boolean passed, String actual, String threshold,
            String message) {
    }
}
