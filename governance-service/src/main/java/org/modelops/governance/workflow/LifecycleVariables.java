package org.modelops.governance.workflow;

import java.util.List;
import java.util.Map;
import org.flowable.common.engine.api.variable.VariableContainer;

/**
 * The lifecycle's process variables: one name each, read through typed accessors, so that the BPMN file, the steps
 * and the task adapter agree on what a variable is called and holds.
 */
public final class LifecycleVariables {

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

    private LifecycleVariables() {
    }

    public static String model(VariableContainer variables) {
        return (String) variables.getVariable(MODEL);
    }

    public static int version(VariableContainer variables) {
        return ((Number) variables.getVariable(VERSION)).intValue();
    }

    public static String policy(VariableContainer variables) {
        return (String) variables.getVariable(POLICY);
    }

    public static int policyVersion(VariableContainer variables) {
        return ((Number) variables.getVariable(POLICY_VERSION)).intValue();
    }

    public static String decisionComment(VariableContainer variables) {
        return (String) variables.getVariable(DECISION_COMMENT);
    }

    public static String evidenceChange(VariableContainer variables) {
        return (String) variables.getVariable(EVIDENCE_CHANGE);
    }

    /** From a map of process variables, as a task query returns them. */
    public static String string(Map<String, Object> variables, String name) {
        return (String) variables.get(name);
    }

    public static int number(Map<String, Object> variables, String name) {
        var value = variables.get(name);
        return value == null ? 0 : ((Number) value).intValue();
    }

    /** A canary step as the BPMN's multi-instance collection holds it: {percent, bake}. */
    public static int stepPercent(Map<String, Object> step) {
        return ((Number) step.get("percent")).intValue();
    }

    public static List<String> roles(Map<String, Object> variables) {
        var roles = (String) variables.get(APPROVER_ROLES);
        return roles == null || roles.isBlank() ? List.of() : List.of(roles.split(","));
    }
}
