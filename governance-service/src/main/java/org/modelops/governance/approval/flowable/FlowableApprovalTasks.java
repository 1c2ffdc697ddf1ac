package org.modelops.governance.approval.flowable;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowable.identitylink.api.IdentityLinkType;
import org.flowable.task.api.Task;
import org.flowable.engine.TaskService;
import org.modelops.governance.approval.ApprovalTask;
import org.modelops.governance.approval.ApprovalTasks;

@Singleton
final class FlowableApprovalTasks implements ApprovalTasks {

    static final String TASK_KEY = "approvePromotion";

    private final TaskService tasks;

    FlowableApprovalTasks(TaskService tasks) {
        this.tasks = tasks;
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

    private static ApprovalTask of(Task task) {
        var variables = task.getProcessVariables();
        var roles = task.getIdentityLinks().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(link -> link.getGroupId()).distinct().sorted().toList();
        return new ApprovalTask(task.getId(), task.getName(), (String) variables.get("model"),
                (Integer) variables.get("version"), (String) variables.get("submittedBy"),
                (String) variables.get("ownerTeam"), (String) variables.get("riskTier"), roles,
                task.getCreateTime().toInstant(), (Integer) variables.get("approvalsRequired"),
                (Integer) variables.get("approvals"), task.getProcessInstanceId());
    }
}
