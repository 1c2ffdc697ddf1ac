package org.modelops.governance.approval;

import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.security.Actor;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.PageRequest;
import org.modelops.governance.shared.Refusal;
import org.modelops.governance.workflow.LifecycleVariables;

/**
 * Taking a decision on an approval task. In one transaction: the model and the version are locked, the rules are
 * checked (the caller holds a role the task is offered to; they did not submit the version; they are not in its owner
 * team; they have not decided on this evidence before; every decision says why), the decision is stored with the hash
 * of the evidence it was taken on and audited, and the task is completed so that the lifecycle moves on. Only
 * approvals on the current evidence count. A refused attempt is audited on its own.
 */
@Singleton
public class ApprovalDecisions {

    public enum Decision {
        APPROVE, REJECT
    }

    private final ApprovalTasks tasks;
    private final ApprovalRecords records;
    private final CurrentEvidence evidence;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    ApprovalDecisions(ApprovalTasks tasks, ApprovalRecords records, CurrentEvidence evidence, AuditLog audit) {
        this.tasks = tasks;
        this.records = records;
        this.evidence = evidence;
        this.audit = audit;
    }

    /**
     * Open decisions this person may take: offered to one of their roles, no separation-of-duties conflict, and not
     * already decided by them on the current evidence.
     */
    @ReadOnly
    public List<ApprovalTask> waitingFor(Actor actor) {
        return tasks.openFor(actor.roles()).stream().filter(task -> conflict(actor, task) == null)
                .filter(task -> !records.decidedOnCurrentEvidence(task.model(), task.version(), actor.subject()))
                .toList();
    }

    /**
     * {@link #waitingFor(Actor)}, one page at a time, counted in all (with the high-risk and escalated ones); each
     * filter may be null: one task, one model, one risk tier, escalated or not.
     */
    @ReadOnly
    public InboxPage waitingFor(Actor actor, String taskId, String model, String riskTier, Boolean escalated,
            PageRequest page) {
        return tasks.waitingFor(new Inbox(actor.subject(), actor.username(), actor.roles(), actor.teams(), taskId,
                model, riskTier, escalated), page);
    }

    /**
     * @param evidenceSeen the evidence hash the person saw when deciding, or null; when given and the evidence has
     *            changed since, nothing is decided (409)
     */
    @Transactional
    public ApprovalTask decide(Actor actor, String taskId, Decision decision, String comment, String evidenceSeen) {
        if (comment == null || comment.isBlank()) {
            throw Refusal.invalid(List.of(new FieldViolation("comment", "required", decision == Decision.REJECT
                    ? "a rejection needs a comment saying why"
                    : "an approval needs a comment saying on what grounds")));
        }
        var task = tasks.open(taskId).orElseThrow(() -> alreadyDecidedOrUnknown(taskId));
        records.lockForDecision(task.model(), task.version());
        task = tasks.open(taskId).orElseThrow(() -> alreadyDecidedOrUnknown(taskId));
        if (task.candidateRoles().stream().noneMatch(actor::hasRole)) {
            throw refused(actor, task, "not-an-approver", "This decision is offered to " + task.candidateRoles()
                    + "; your roles are " + actor.roles() + ".");
        }
        var conflict = conflict(actor, task);
        if (conflict != null) {
            throw refused(actor, task, "separation-of-duties", conflict);
        }
        var current = evidence.sha256(task.model(), task.version());
        if (evidenceSeen != null && !evidenceSeen.equals(current)) {
            throw Refusal.conflict("evidence-changed", "The evidence of " + task.model() + " version "
                    + task.version() + " changed since you looked at it (you saw " + evidenceSeen.substring(0, 12)
                    + "…, it is now " + current.substring(0, 12) + "…). Reload the decision and decide again.");
        }
        var decidedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!records.add(task.model(), task.version(), new ApprovalRecords.Decision(taskId, actor.subject(),
                actor.username(), decision.name(), comment, decidedAt, current))) {
            throw refused(actor, task, "one-person-counts-once", "You already decided on " + task.model()
                    + " version " + task.version() + " on this evidence; one person counts once.");
        }
        int approvals = records.approvalsOn(task.model(), task.version(), current);
        var details = new LinkedHashMap<String, Object>();
        details.put("task", taskId);
        details.put("decision", decision.name());
        details.put("comment", comment);
        details.put("approvals", approvals);
        details.put("approvalsRequired", task.approvalsRequired());
        details.put("evidenceSha256", current);
        audit.record(actor, AuditActions.APPROVAL_DECIDED, AuditSubject.modelVersion(task.model(), task.version()),
                details, task.lifecycleId());
        var variables = new LinkedHashMap<String, Object>();
        variables.put(LifecycleVariables.DECISION, decision.name());
        variables.put(LifecycleVariables.APPROVALS, approvals);
        variables.put(LifecycleVariables.DECISION_COMMENT, decision == Decision.REJECT
                ? "rejected by " + actor.username() + ": " + comment
                : null);
        tasks.complete(taskId, variables);
        return task;
    }

    @ReadOnly
    public List<ApprovalRecords.Decision> decisions(String model, int version) {
        return records.decisions(model, version);
    }

    /** Why this person may not decide on this task, or null. */
    static String conflict(Actor actor, ApprovalTask task) {
        if (actor.username().equals(task.submittedBy())) {
            return "You submitted " + task.model() + " version " + task.version()
                    + "; the submitter cannot approve their own version.";
        }
        if (actor.memberOf(task.ownerTeam())) {
            return "You are in " + task.ownerTeam() + ", the team that owns " + task.model()
                    + "; its members cannot approve its versions.";
        }
        return null;
    }

    private Refusal refused(Actor actor, ApprovalTask task, String rule, String message) {
        audit.recordAlone(actor, AuditActions.APPROVAL_REFUSED, AuditSubject.modelVersion(task.model(), task.version()),
                Map.of("task", task.id(), "rule", rule, "reason", message));
        return new Refusal(Refusal.Kind.FORBIDDEN, rule, message);
    }

    /**
     * What the lifecycle recorded when it left the task: its first re-opening at or after the task ended (the last
     * one when the engine's clock runs ahead of the trail's, as in process tests), else the engine's own reason.
     */
    private String why(Withdrawal withdrawal) {
        var reopenings = audit.timeline(withdrawal.model(), withdrawal.version()).stream()
                .filter(event -> AuditActions.LIFECYCLE_REOPENED.equals(event.action())
                        && withdrawal.lifecycleId().equals(event.correlation()))
                .toList();
        return reopenings.stream().filter(event -> !event.occurredAt().isBefore(withdrawal.endedAt())).findFirst()
                .or(() -> reopenings.stream().reduce((first, second) -> second))
                .map(event -> "the evidence changed (" + event.details().get("change") + ")")
                .orElse(withdrawal.engineReason());
    }

    private Refusal alreadyDecidedOrUnknown(String taskId) {
        if (records.decided(taskId)) {
            return Refusal.conflict("task-already-decided", "Task " + taskId + " was already decided by someone else.");
        }
        return tasks.withdrawn(taskId).map(withdrawal -> Refusal.conflict("task-withdrawn", "Task " + taskId
                + " was withdrawn before anyone decided: " + why(withdrawal) + ". Open the version's new decision."))
                .orElseGet(() -> Refusal.notFound("task-not-found", "No open decision with id " + taskId + "."));
    }
}
