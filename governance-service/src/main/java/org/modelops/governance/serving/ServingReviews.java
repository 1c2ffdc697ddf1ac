package org.modelops.governance.serving;

import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.approval.InboxTasks;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.lifecycle.ModelOperations;
import org.modelops.governance.registry.ModelCatalog;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.registry.model.ModelName;
import org.modelops.governance.security.Actor;
import org.modelops.governance.serving.model.ReviewRules;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.Refusal;

/**
 * Deciding the serving phase's tasks in the inbox. In one transaction: the model is locked, the rules are checked
 * (a role the task is offered to; not the submitter, not the owner team; an outcome the task's kind takes; a comment),
 * what the outcome does is done (the governed rollback, a retraining request), the decision is audited and the task
 * completed so that the serving phase moves on. A refused attempt is audited on its own.
 */
@Singleton
class ServingReviews implements InboxTasks {

    private final ReviewTasks tasks;
    private final ModelCatalog catalog;
    private final ServingStore store;
    private final ModelOperations operations;
    private final RetrainingRequests retraining;
    private final AuditLog audit;

    ServingReviews(ReviewTasks tasks, ModelCatalog catalog, ServingStore store, ModelOperations operations,
            RetrainingRequests retraining, AuditLog audit) {
        this.tasks = tasks;
        this.catalog = catalog;
        this.store = store;
        this.operations = operations;
        this.retraining = retraining;
        this.audit = audit;
    }

    @Override
    @ReadOnly
    public List<InboxTask> waitingFor(Actor actor) {
        return tasks.openFor(actor.roles()).stream().filter(task -> conflict(actor, task) == null)
                .map(this::inboxTask).toList();
    }

    @Override
    @Transactional
    public Optional<InboxTask> decide(Actor actor, String taskId, String decision, String comment) {
        if (tasks.open(taskId).isEmpty()) {
            if (tasks.ended(taskId)) {
                throw Refusal.conflict("task-already-decided", "Task " + taskId + " was already decided, or"
                        + " withdrawn when the version stopped serving.");
            }
            return Optional.empty();
        }
        var found = tasks.open(taskId).orElseThrow();
        catalog.modelForUpdate(new ModelName(found.model()));
        var task = tasks.open(taskId).orElseThrow(() -> Refusal.conflict("task-already-decided", "Task " + taskId
                + " was already decided by someone else."));
        if (task.candidateRoles().stream().noneMatch(actor::hasRole)) {
            throw refused(actor, task, "not-a-reviewer", "This task is offered to " + task.candidateRoles()
                    + "; your roles are " + actor.roles() + ".");
        }
        var conflict = conflict(actor, task);
        if (conflict != null) {
            throw refused(actor, task, "separation-of-duties", conflict);
        }
        var outcomes = ReviewRules.outcomes(task.kind());
        if (!outcomes.contains(decision)) {
            throw Refusal.invalid(List.of(new FieldViolation("decision", "outcome", "a " + task.kind()
                    + " task is decided with one of " + outcomes)));
        }
        if (comment == null || comment.isBlank()) {
            throw Refusal.invalid(List.of(new FieldViolation("comment", "required", "say why, for the record")));
        }
        var breach = task.breach() == null ? Optional.<ServingStore.Breach>empty() : store.breach(task.breach());
        var details = new LinkedHashMap<String, Object>();
        details.put("task", taskId);
        details.put("kind", task.kind());
        details.put("decision", decision);
        details.put("comment", comment);
        details.put("reason", task.reason());
        details.put("breach", task.breach());
        breach.ifPresent(found1 -> details.put("signal", found1.signal()));
        var subject = AuditSubject.modelVersion(task.model(), task.version());
        audit.record(actor, AuditActions.MONITORING_REVIEW_DECIDED, subject, details, task.lifecycleId());
        switch (decision) {
            case ReviewRules.ROLL_BACK -> {
                var evidence = new LinkedHashMap<String, Object>();
                evidence.put("task", taskId);
                evidence.put("breach", task.breach());
                breach.ifPresent(found1 -> {
                    evidence.put("signal", found1.signal());
                    evidence.put("evidence", found1.evidence());
                });
                var version = catalog.version(new ModelName(task.model()), task.version()).orElseThrow();
                if (version.state() == LifecycleState.ROLLING_OUT) {
                    // a review opened on a breach of the canary: rolling back is stopping the rollout
                    operations.stopRolloutInLifecycle(actor, task.model(), task.version(), "rollout stopped on"
                            + " review by " + actor.username() + ": " + comment, evidence, task.lifecycleId());
                } else {
                    operations.rollbackServing(actor, task.model(), task.version(), "rolled back on review by "
                            + actor.username() + ": " + comment, evidence, task.lifecycleId());
                }
            }
            case ReviewRules.REQUEST_RETRAINING -> retraining.request(actor, task.model(), task.version(),
                    breach.map(ServingStore.Breach::signal).orElse(null), task.breach(), comment,
                    breach.map(ServingStore.Breach::evidence).orElse(Map.of()), task.lifecycleId());
            default -> {
                // KEEP_SERVING, RECERTIFY, FAIL: the serving phase goes on (or escalates) as the BPMN says
            }
        }
        tasks.complete(taskId, decision, comment);
        return Optional.of(inboxTask(task));
    }

    private static String conflict(Actor actor, ReviewTasks.ReviewTask task) {
        return ReviewRules.conflict(actor.username(), actor.teams(), task.model(), task.version(), task.submittedBy(),
                task.ownerTeam());
    }

    private Refusal refused(Actor actor, ReviewTasks.ReviewTask task, String rule, String message) {
        audit.recordAlone(actor, AuditActions.MONITORING_REVIEW_REFUSED, AuditSubject.modelVersion(task.model(),
                task.version()), Map.of("task", task.id(), "rule", rule, "reason", message));
        return new Refusal(Refusal.Kind.FORBIDDEN, rule, message);
    }

    private InboxTask inboxTask(ReviewTasks.ReviewTask task) {
        var details = new LinkedHashMap<String, Object>();
        details.put("reason", task.reason());
        // Also flat, as the portal reads a review: the signal, its verdict, the sentence and the evidence.
        details.put("explanation", task.reason());
        details.put("outcomes", ReviewRules.outcomes(task.kind()));
        if (task.breach() != null) {
            store.breach(task.breach()).ifPresent(breach -> {
                var view = new LinkedHashMap<String, Object>();
                view.put("id", breach.id());
                view.put("signal", breach.signal());
                view.put("previous", breach.previous());
                view.put("receivedAt", breach.receivedAt().toString());
                view.put("evidence", breach.evidence());
                details.put("breach", view);
                details.put("signal", breach.signal());
                details.put("verdict", "BREACH");
                details.put("evidence", breach.evidence());
            });
        }
        return new InboxTask(task.id(), task.name(), task.kind(), task.model(), task.version(), task.createdAt(),
                task.candidateRoles(), details);
    }
}
