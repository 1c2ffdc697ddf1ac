package org.modelops.governance.audit;

/**
 * Every action name the audit trail records, in one place (docs/audit.md lists them with their details). Names are
 * {@code <subject>.<what happened>}, past tense; they are part of the trail's contract and never change.
 */
public final class AuditActions {

    public static final String MODEL_REGISTERED = "model.registered";
    public static final String MODEL_ROLLED_BACK = "model.rolled-back";
    /** A governance admin changed the model's risk tier or owner team, with a reason. */
    public static final String MODEL_RECLASSIFIED = "model.reclassified";
    /** A member of the owner team changed the model's description (MLflow's registered-models/update). */
    public static final String MODEL_DESCRIBED = "model.described";
    public static final String MODEL_RECLASSIFICATION_REFUSED = "model.reclassification-refused";
    /** The registrant is not a member of the owner team named. */
    public static final String MODEL_REGISTRATION_REFUSED = "model.registration-refused";
    public static final String VERSION_SUBMITTED = "version.submitted";
    public static final String VERSION_STATE_CHANGED = "version.state-changed";
    public static final String VERSION_RETIRED = "version.retired";
    public static final String POLICY_PUBLISHED = "policy.published";
    public static final String POLICY_PINNED = "policy.pinned";
    /** Followed by the stage: {@code verdict.validation}, {@code verdict.champion-challenger}. */
    public static final String VERDICT_PREFIX = "verdict.";
    public static final String EVALUATION_REPORTED = "evaluation.reported";
    public static final String APPROVAL_DECIDED = "approval.decided";
    public static final String APPROVAL_REFUSED = "approval.refused";
    public static final String APPROVAL_REMINDED = "approval.reminded";
    public static final String APPROVAL_ESCALATED = "approval.escalated";
    /** New evidence sent a lifecycle back to validation; earlier approvals no longer count. */
    public static final String LIFECYCLE_REOPENED = "lifecycle.reopened";
    /** The flow met an outcome it does not know and stopped, for a person to look at. */
    public static final String LIFECYCLE_INCIDENT = "lifecycle.incident";
    /** The promotion's re-check found the decision stale and sent the lifecycle back. */
    public static final String PROMOTION_REFUSED = "promotion.refused";
    public static final String ROLLOUT_STEP = "rollout.step";
    public static final String ROLLOUT_STOPPED = "rollout.stopped";
    /** A version's baseline profile was computed from a reference sample and frozen (docs/monitoring.md). */
    public static final String MONITORING_BASELINE_RECORDED = "monitoring.baseline-recorded";
    /**
     * A version's verdict for one monitoring signal (drift, data-quality, performance, service) changed, e.g. PASS to
     * BREACH, with the windows, measures, intervals and levels behind it; {@code SignalVerdictChanged} is published with
     * it in the same transaction.
     */
    public static final String MONITORING_VERDICT_CHANGED = "monitoring.verdict-changed";
    // The serving phase (docs/lifecycle.md): what a breach or a re-certification sets off, with its evidence.
    /** The policy's onBreach says alert: the breach's evidence, for whoever delivers alerts (webhooks). */
    public static final String MONITORING_ALERT_RAISED = "monitoring.alert-raised";
    /** A review task opened for people: after a breach, a refused automatic rollback, an escalated re-certification. */
    public static final String MONITORING_REVIEW_OPENED = "monitoring.review-opened";
    /** Someone decided a review or re-certification task: keep serving, roll back, request retraining, (not) re-certify. */
    public static final String MONITORING_REVIEW_DECIDED = "monitoring.review-decided";
    /** Someone who may not decide a review task (role, separation of duties) tried to. */
    public static final String MONITORING_REVIEW_REFUSED = "monitoring.review-refused";
    /** The policy asked for an automatic rollback and a guard refused it (signal, previous champion, cooldown). */
    public static final String MONITORING_ROLLBACK_REFUSED = "monitoring.rollback-refused";
    public static final String MONITORING_RETRAINING_REQUESTED = "monitoring.retraining-requested";
    /** A submitted version names the retraining request it answers. */
    public static final String MONITORING_RETRAINING_ANSWERED = "monitoring.retraining-answered";
    /** The policy's recertifyEvery came round: a recertification task opened. */
    public static final String MONITORING_RECERTIFICATION_DUE = "monitoring.recertification-due";
    /** A recertification was failed or lapsed past its due date: escalated to governance-admin. */
    public static final String MONITORING_RECERTIFICATION_ESCALATED = "monitoring.recertification-escalated";
    /** An MLflow client pointed a free alias at a version (docs/mlflow.md); the lifecycle's aliases are not stored. */
    public static final String MLFLOW_ALIAS_SET = "mlflow.alias-set";
    public static final String MLFLOW_ALIAS_DELETED = "mlflow.alias-deleted";
    /** An MLflow client tried to move an alias the governed lifecycle owns (champion, challenger). */
    public static final String MLFLOW_ALIAS_REFUSED = "mlflow.alias-refused";
    /** An MLflow client set or deleted a tag after creation: an annotation, not evidence. */
    public static final String MLFLOW_TAG_SET = "mlflow.tag-set";
    public static final String MLFLOW_TAG_DELETED = "mlflow.tag-deleted";
    /** A governance admin subscribed an endpoint to events (docs/events.md); the secret is never recorded. */
    public static final String EVENT_SUBSCRIPTION_CREATED = "event-subscription.created";
    /** Its url, description, filters or active flag changed (details {@code from}, {@code to}). */
    public static final String EVENT_SUBSCRIPTION_CHANGED = "event-subscription.changed";
    public static final String EVENT_SUBSCRIPTION_DELETED = "event-subscription.deleted";
    public static final String EVENT_SUBSCRIPTION_SECRET_ROTATED = "event-subscription.secret-rotated";
    /** The receiver answered 410 Gone, so delivery switched the subscription off (actor {@code system}). */
    public static final String EVENT_SUBSCRIPTION_DEACTIVATED = "event-subscription.deactivated";
    /** Dead-lettered deliveries were queued again (details {@code deliveries}: their count). */
    public static final String EVENT_DELIVERIES_REPLAYED = "event-subscription.deliveries-replayed";
    /**
     * A version created through MLflow waits for evidence its policy requires (docs/mlflow.md): its number is
     * reserved, its lifecycle has not started; {@code version.submitted} follows once the evidence is complete.
     */
    public static final String MLFLOW_VERSION_AWAITING_EVIDENCE = "mlflow.version-awaiting-evidence";
    /** A tag set or deleted on a version that waits for evidence: it becomes part of the evidence. */
    public static final String MLFLOW_EVIDENCE_TAG_SET = "mlflow.evidence-tag-set";
    public static final String MLFLOW_EVIDENCE_TAG_DELETED = "mlflow.evidence-tag-deleted";
    public static final String ACCESS_DENIED = "access.denied";
    /** A burst of refused attempts by one caller, recorded once with its count. */
    public static final String ACCESS_THROTTLED = "access.throttled";
    public static final String EVIDENCE_EXPORTED = "evidence.exported";
    public static final String AUDIT_EXPORTED = "audit.exported";
    public static final String AUDIT_VERIFIED = "audit.verified";

    private AuditActions() {
    }
}
