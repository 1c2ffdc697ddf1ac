package org.modelops.governance.policy.model;

/**
 * One rule applied to one version: which rule, whether it passed, the actual value and the threshold it was held
 * against, and a sentence for the person reading the verdict.
 */
public record RuleResult(String rule, String kind, boolean passed, String actual, String threshold, String message) {

    public static RuleResult pass(String rule, String kind, Object actual, String threshold, String message) {
        return new RuleResult(rule, kind, true, actual == null ? null : String.valueOf(actual), threshold, message);
    }

    public static RuleResult fail(String rule, String kind, Object actual, String threshold, String message) {
        return new RuleResult(rule, kind, false, actual == null ? null : String.valueOf(actual), threshold, message);
    }
}
