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
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.security.Actor;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.Refusal;

/**
 * Taking a decision on an approval task. In one transaction: the version is locked, the rules are checked (the
 * caller holds a role the task is offered to; they did not submit the version; they are not in its owner team;
 * they have not decided on it before; a rejection says why), the decision is stored and audited, and the task is
 * completed so that the lifecycle moves on. A refused attempt is audited on its own.
 */
@Singleton
public class ApprovalDecisions {

    public enum Decision {
        APPROVE, REJECT
    }

    private final ApprovalTasks tasks;
    private final ApprovalRecords records;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    ApprovalDecisions(ApprovalTasks tasks, ApprovalRecords records, AuditLog audit) {
        this.tasks = tasks;
        this.records = records;
        this.audit = audit;
    }

    @ReadOnly
    public List<ApprovalTask> waitingFor(Actor actor) {
        return tasks.openFor(actor.roles()).stream().filter(task -> conflict(actor, task) == null).toList();
    }

    @Transactional
    public ApprovalTask decide(Actor actor, String taskId, Decision decision, String comment) {
        if (decision == Decision.REJECT && (comment == null || comment.isBlank())) {
            throw Refusal.invalid(List.of(new FieldViolation("comment", "required",
                    "a rejection needs a comment saying why")));
        }
        var task = tasks.open(taskId).orElseThrow(() -> alreadyDecidedOrUnknown(taskId));
        records.lockVersion(task.model(), task.version());
        task = tasks.open(taskId).orElseThrow(() -> alreadyDecidedOrUnknown(taskId));
        if (task.candidateRoles().stream().noneMatch(actor::hasRole)) {
            throw refused(actor, task, "not-an-approver", "This decision is offered to " + task.candidateRoles()
                    + "; your roles are " + actor.roles() + ".");
        }
        var conflict = conflict(actor, task);
        if (conflict != null) {
            throw refused(actor, task, "separation-of-duties", conflict);
        }
        var decidedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!records.add(task.model(), task.version(), new ApprovalRecords.Decision(taskId, actor.subject(),
                actor.username(), decision.name(), comment, decidedAt))) {
            throw refused(actor, task, "one-person-counts-once", "You already decided on " + task.model()
                    + " version " + task.version() + "; one person counts once.");
        }
        int approvals = task.approvalsSoFar() + (decision == Decision.APPROVE ? 1 : 0);
        var details = new LinkedHashMap<String, Object>();
        details.put("task", taskId);
        details.put("decision", decision.name());
        details.put("comment", comment);
        details.put("approvals", approvals);
        details.put("approvalsRequired", task.approvalsRequired());
        audit.record(actor, "approval.decided", AuditSubject.modelVersion(task.model(), task.version()), details,
                task.lifecycleId());
        var variables = new LinkedHashMap<String, Object>();
        variables.put("decision", decision.name());
        variables.put("approvals", approvals);
        variables.put("decisionComment", decision == Decision.REJECT
                ? "rejected by " + actor.username() + ": "
                        + comment
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
        audit.recordAlone(actor, "approval.refused", AuditSubject.modelVersion(task.model(), task.version()),
                Map.of("task", task.id(), "rule", rule, "reason", message));
        return new Refusal(Refusal.Kind.FORBIDDEN, rule, message);
    }

    private Refusal alreadyDecidedOrUnknown(String taskId) {
        return records.decided(taskId)
                ? Refusal.conflict("task-already-decided", "Task " + taskId + " was already decided by someone else.")
                : Refusal.notFound("task-not-found", "No open decision with id " + taskId + ".");
    }
}
