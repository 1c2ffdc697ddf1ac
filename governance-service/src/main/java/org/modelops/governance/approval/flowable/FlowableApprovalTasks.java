package org.modelops.governance.approval.flowable;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowable.engine.HistoryService;
import org.flowable.engine.TaskService;
import org.flowable.identitylink.api.IdentityLinkType;
import org.flowable.task.api.Task;
import org.modelops.governance.approval.ApprovalTask;
import org.modelops.governance.approval.ApprovalTasks;
import org.modelops.governance.workflow.LifecycleVariables;

@Singleton
final class FlowableApprovalTasks implements ApprovalTasks {

    static final String TASK_KEY = "approvePromotion";

    private final TaskService tasks;
    private final HistoryService history;

    FlowableApprovalTasks(TaskService tasks, HistoryService history) {
        this.tasks = tasks;
        this.history = history;
    }

    @Override
    public Optional<ApprovalTask> open(String taskId) {
        return Optional.ofNullable(tasks.createTaskQuery().taskId(taskId).taskDefinitionKey(TASK_KEY)
                .includeProcessVariables().includeIdentityLinks().singleResult()).map(FlowableApprovalTasks::of);
    }

    @Override
    public List<ApprovalTask> openFor(List<String> roles) {
        if (roles.isEmpty()) {
            return List.of();
        }
        return tasks.createTaskQuery().taskDefinitionKey(TASK_KEY).taskCandidateGroupIn(roles).active()
                .includeProcessVariables().includeIdentityLinks().orderByTaskCreateTime().asc().list().stream()
                .map(FlowableApprovalTasks::of).toList();
    }

    @Override
    public void complete(String taskId, Map<String, Object> variables) {
        tasks.complete(taskId, variables);
    }

    @Override
    public Optional<String> withdrawn(String taskId) {
        var ended = history.createHistoricTaskInstanceQuery().taskId(taskId).taskDefinitionKey(TASK_KEY).finished()
                .singleResult();
        if (ended == null || ended.getDeleteReason() == null) {
            return Optional.empty();
        }
        var change = history.createHistoricVariableInstanceQuery().processInstanceId(ended.getProcessInstanceId())
                .variableName(LifecycleVariables.EVIDENCE_CHANGE).singleResult();
        return Optional.of(change != null && change.getValue() != null
                ? "the evidence changed (" + change.getValue() + ")"
                : ended.getDeleteReason());
    }

    private static ApprovalTask of(Task task) {
        var variables = task.getProcessVariables();
        var roles = task.getIdentityLinks().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(link -> link.getGroupId()).distinct().sorted().toList();
        return new ApprovalTask(task.getId(), task.getName(),
                LifecycleVariables.string(variables, LifecycleVariables.MODEL),
                LifecycleVariables.number(variables, LifecycleVariables.VERSION),
                LifecycleVariables.string(variables, LifecycleVariables.SUBMITTED_BY),
                LifecycleVariables.string(variables, LifecycleVariables.OWNER_TEAM),
                LifecycleVariables.string(variables, LifecycleVariables.RISK_TIER), roles,
                task.getCreateTime().toInstant(),
                LifecycleVariables.number(variables, LifecycleVariables.APPROVALS_REQUIRED),
                LifecycleVariables.number(variables, LifecycleVariables.APPROVALS), task.getProcessInstanceId(),
                LifecycleVariables.string(variables, LifecycleVariables.EVIDENCE_CHANGE));
    }
}
