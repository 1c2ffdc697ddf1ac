package org.modelops.governance.policy.model;

import java.util.Map;

/** Evaluates a policy's custom condition (a CEL expression) against a version's evidence. */
public interface ConditionEvaluator {

    /** True or false; throws {@link IllegalArgumentException} with a readable reason if the expression is invalid. */
    boolean evaluate(String expression, Map<String, Object> evidence);
}
