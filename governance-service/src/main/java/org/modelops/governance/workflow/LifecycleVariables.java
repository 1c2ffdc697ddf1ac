package org.modelops.governance.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flowable.common.engine.api.variable.VariableContainer;

/**
 * The lifecycle's process variables: one name each, read through typed accessors, so that the BPMN file, the steps
 * and the task adapter agree on what a variable is called and holds.
 *
 * <p>What a lifecycle is started with and that stays fixed (the version, its model's tier and team, the pinned
 * policy's name, version and terms: the names from {@link #MODEL} to {@link #RECERTIFY_DUE_WITHIN} below) is one
 * JSON variable, {@link #TERMS}, read in the BPMN as {@code ${terms.approvalsRequired}}: one row to write at the
 * submission and to read at each step instead of sixteen. Lifecycles started before it hold those facts as
 * variables of their own (and their process definition reads them so); the accessors read either.
 */
public final class LifecycleVariables {

    /** The lifecycle's fixed facts, one JSON object (see above); a reclassification replaces it. */
    public static final String TERMS = "terms";

    public static final String MODEL = "model";
    public static final String VERSION = "version";
    public static final String RISK_TIER = "riskTier";
    public static final String SUBMITTED_BY = "submittedBy";
    public static final String OWNER_TEAM = "ownerTeam";
    public static final String POLICY = "policy";
    public static final String POLICY_VERSION = "policyVersion";
    public static final String APPROVALS_REQUIRED = "approvalsRequired";
    public static final String APPROVER_ROLES = "approverRoles";
    public static final String APPROVAL_REMINDER_AFTER = "approvalReminderAfter";
    public static final String APPROVAL_ESCALATE_AFTER = "approvalEscalateAfter";
    /** Approvals given on the current evidence. */
    public static final String APPROVALS = "approvals";
    public static final String ROLLOUT_STRATEGY = "rolloutStrategy";
    public static final String ROLLOUT_STEPS = "rolloutSteps";
    /** APPROVE or REJECT: the decision just taken on the approval task. */
    public static final String DECISION = "decision";
    public static final String DECISION_COMMENT = "decisionComment";
    /** What changed when the lifecycle was sent back to validation. */
    public static final String EVIDENCE_CHANGE = "evidenceChange";
    /** The promotion's re-check: null when it promoted, else why it did not. */
    public static final String PROMOTION_REFUSED = "promotionRefused";
    // The serving phase: set at start, from the pinned policy's monitoring section
    /** An ISO-8601 repeating interval, {@code R/<recertifyEvery>} (ten years when the policy sets none). */
    public static final String RECERTIFY_CYCLE = "recertifyCycle";
    public static final String RECERTIFY_DUE_WITHIN = "recertifyDueWithin";
    // The serving phase: local to the path of one breach or one re-certification, never process-wide
    /** The id of the breach a message {@code signalBreached} delivered. */
    public static final String BREACH = "breach";
    /** ROLLBACK, REVIEW or NONE: where the path of one breach goes after its immediate actions. */
    public static final String BREACH_RESPONSE = "breachResponse";
    /** The kind of the serving phase's task on this path: monitoring-review or recertification. */
    public static final String REVIEW_KIND = "reviewKind";
    public static final String REVIEW_ROLES = "reviewRoles";
    /** Why the task was opened, one sentence for its reader. */
    public static final String REVIEW_REASON = "reviewReason";
    /** The outcome the person chose on the serving phase's task. */
    public static final String REVIEW_OUTCOME = "reviewOutcome";
    /** The person's comment on that outcome. */
    public static final String REVIEW_COMMENT = "reviewComment";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LifecycleVariables() {
    }

    /**
     * The process variables a lifecycle starts with: its fixed facts (keyed by the names above, a canary step as
     * {@code {percent, bake}}) as one {@link #TERMS} object, and {@link #APPROVALS} at 0.
     */
    public static Map<String, Object> starting(Map<String, Object> facts) {
        var variables = new HashMap<String, Object>();
        variables.put(TERMS, JSON.valueToTree(facts));
        variables.put(APPROVALS, 0);
        return variables;
    }

    /** A variable of the lifecycle, else the fact of that name (an outcome a gateway did not know, for its record). */
    public static Object named(VariableContainer variables, String name) {
        var value = variables.getVariable(name);
        if (value == null && variables.getVariable(TERMS) instanceof JsonNode terms) {
            return value(terms.get(name));
        }
        return value;
    }

    /**
     * The facts of a lifecycle started with {@link #starting}, replaced by {@code changed} (a reclassification); for a
     * lifecycle started before {@link #TERMS} existed, {@code changed} as variables of their own, as its process
     * definition reads them.
     */
    public static Map<String, Object> replacing(Object currentTerms, Map<String, Object> changed) {
        if (!(currentTerms instanceof ObjectNode current)) {
            return new HashMap<>(changed);
        }
        var terms = current.deepCopy();
        terms.setAll((ObjectNode) JSON.valueToTree(changed));
        var variables = new HashMap<String, Object>();
        variables.put(TERMS, terms);
        return variables;
    }

    public static String model(VariableContainer variables) {
        return (String) fact(variables, MODEL);
    }

    public static int version(VariableContainer variables) {
        return ((Number) fact(variables, VERSION)).intValue();
    }

    public static String policy(VariableContainer variables) {
        return (String) fact(variables, POLICY);
    }

    public static int policyVersion(VariableContainer variables) {
        return ((Number) fact(variables, POLICY_VERSION)).intValue();
    }

    public static int approvalsRequired(VariableContainer variables) {
        return ((Number) fact(variables, APPROVALS_REQUIRED)).intValue();
    }

    /** The canary steps for the BPMN's multi-instance rollout, each {@code {percent, bake}}. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> rolloutSteps(VariableContainer variables) {
        if (variables.getVariable(TERMS) instanceof JsonNode terms) {
            var steps = new ArrayList<Map<String, Object>>();
            for (var step : terms.path(ROLLOUT_STEPS)) {
                // A HashMap, as lifecycles started before TERMS hold them: the step variable keeps one type.
                var map = new HashMap<String, Object>();
                map.put("percent", step.path("percent").intValue());
                map.put("bake", step.path("bake").textValue());
                steps.add(map);
            }
            return steps;
        }
        return (List<Map<String, Object>>) variables.getVariable(ROLLOUT_STEPS);
    }

    private static Object fact(VariableContainer variables, String name) {
        var terms = variables.getVariable(TERMS);
        return terms instanceof JsonNode node ? value(node.get(name)) : variables.getVariable(name);
    }

    private static Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isNumber() ? node.numberValue() : node.isTextual() ? node.textValue() : node;
    }

    public static String decisionComment(VariableContainer variables) {
        return (String) variables.getVariable(DECISION_COMMENT);
    }

    public static String evidenceChange(VariableContainer variables) {
        return (String) variables.getVariable(EVIDENCE_CHANGE);
    }

    /** From a map of process variables, as a task query returns them: a variable, else a fact of {@link #TERMS}. */
    public static String string(Map<String, Object> variables, String name) {
        return (String) get(variables, name);
    }

    public static int number(Map<String, Object> variables, String name) {
        var value = get(variables, name);
        return value == null ? 0 : ((Number) value).intValue();
    }

    private static Object get(Map<String, Object> variables, String name) {
        var value = variables.get(name);
        if (value == null && variables.get(TERMS) instanceof JsonNode terms) {
            return value(terms.get(name));
        }
        return value;
    }

    /** A canary step as the BPMN's multi-instance collection holds it: {percent, bake}. */
    public static int stepPercent(Map<String, Object> step) {
        return ((Number) step.get("percent")).intValue();
    }

    public static List<String> roles(Map<String, Object> variables) {
        var roles = (String) get(variables, APPROVER_ROLES);
        return roles == null || roles.isBlank() ? List.of() : List.of(roles.split(","));
    }
}
