package org.modelops.governance.serving.flowable;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.identitylink.api.IdentityLinkType;
import org.flowable.task.api.Task;
import org.modelops.governance.serving.ReviewTasks;
import org.modelops.governance.workflow.LifecycleVariables;

/** The serving phase's user tasks {@code monitoringReview} and {@code recertify}; their facts are local to their path. */
@Singleton
final class FlowableReviewTasks implements ReviewTasks {

    static final List<String> TASK_KEYS = List.of("monitoringReview", "recertify");

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final HistoryService history;

    FlowableReviewTasks(TaskService tasks, RuntimeService runtime, HistoryService history) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.history = history;
    }

    @Override
    public Optional<ReviewTask> open(String taskId) {
        var task = tasks.createTaskQuery().taskId(taskId).includeProcessVariables().includeIdentityLinks()
                .singleResult();
        return task == null || !TASK_KEYS.contains(task.getTaskDefinitionKey())
                ? Optional.empty()
                : Optional.of(of(task));
    }

    @Override
    public List<ReviewTask> openFor(List<String> roles) {
        if (roles.isEmpty()) {
            return List.of();
        }
        var found = new ArrayList<ReviewTask>();
        for (var key : TASK_KEYS) {
            tasks.createTaskQuery().taskDefinitionKey(key).taskCandidateGroupIn(roles).active()
                    .includeProcessVariables().includeIdentityLinks().list().forEach(task -> found.add(of(task)));
        }
        found.sort(Comparator.comparing(ReviewTask::createdAt).thenComparing(ReviewTask::id));
        return found;
    }

    @Override
    public boolean ended(String taskId) {
        var ended = history.createHistoricTaskInstanceQuery().taskId(taskId).finished().singleResult();
        return ended != null && TASK_KEYS.contains(ended.getTaskDefinitionKey());
    }

    @Override
    public void complete(String taskId, String outcome, String comment) {
        var task = tasks.createTaskQuery().taskId(taskId).singleResult();
        runtime.setVariableLocal(task.getExecutionId(), LifecycleVariables.REVIEW_OUTCOME, outcome);
        runtime.setVariableLocal(task.getExecutionId(), LifecycleVariables.REVIEW_COMMENT, comment);
        tasks.complete(taskId);
    }

    private ReviewTask of(Task task) {
        var variables = task.getProcessVariables();
        var local = runtime.getVariablesLocal(task.getExecutionId());
        var roles = task.getIdentityLinks().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(link -> link.getGroupId()).distinct().sorted().toList();
        var breach = local.get(LifecycleVariables.BREACH);
        return new ReviewTask(task.getId(), task.getName(), (String) local.get(LifecycleVariables.REVIEW_KIND),
                LifecycleVariables.string(variables, LifecycleVariables.MODEL),
                LifecycleVariables.number(variables, LifecycleVariables.VERSION),
                LifecycleVariables.string(variables, LifecycleVariables.SUBMITTED_BY),
                LifecycleVariables.string(variables, LifecycleVariables.OWNER_TEAM), roles,
                task.getCreateTime().toInstant(), (String) local.get(LifecycleVariables.REVIEW_REASON),
                breach == null ? null : ((Number) breach).longValue(), task.getProcessInstanceId());
    }
}
