package org.modelops.governance.lifecycle.flowable;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Map;
import org.flowable.engine.TaskService;
import org.flowable.engine.delegate.DelegateExecution;
import org.modelops.governance.lifecycle.ApprovalReminders;
import org.modelops.governance.lifecycle.VersionLifecycle;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.workflow.WorkflowBean;

/**
 * What BPMN steps call, e.g. {@code ${lifecycle.enterState(execution, 'VALIDATING')}}: read the process variables,
 * call the application service, nothing more.
 */
@Singleton
@Named("lifecycle")
public class LifecycleSteps implements WorkflowBean {

    static final String APPROVAL_TASK = "approvePromotion";

    private final VersionLifecycle lifecycle;
    private final ApprovalReminders reminders;
    private final TaskService tasks;

    LifecycleSteps(VersionLifecycle lifecycle, ApprovalReminders reminders, TaskService tasks) {
        this.lifecycle = lifecycle;
        this.reminders = reminders;
        this.tasks = tasks;
    }

    public void enterState(DelegateExecution execution, String state) {
        lifecycle.enterState(model(execution), version(execution), LifecycleState.valueOf(state),
                execution.getProcessInstanceId());
    }

    public boolean validate(DelegateExecution execution) {
        return lifecycle.validate(model(execution), version(execution), (String) execution.getVariable("policy"),
                (Integer) execution.getVariable("policyVersion"), execution.getProcessInstanceId());
    }

    public String challenge(DelegateExecution execution) {
        return lifecycle.challenge(model(execution), version(execution), (String) execution.getVariable("policy"),
                (Integer) execution.getVariable("policyVersion"), execution.getProcessInstanceId());
    }

    public void reject(DelegateExecution execution, String stage) {
        var comment = "approval".equals(stage) ? (String) execution.getVariable("decisionComment") : null;
        lifecycle.reject(model(execution), version(execution), stage, comment, execution.getProcessInstanceId());
    }

    public void shiftTraffic(DelegateExecution execution, Map<String, Object> step) {
        lifecycle.shiftTraffic(model(execution), version(execution), ((Number) step.get("percent")).intValue(),
                execution.getProcessInstanceId());
    }

    public void promote(DelegateExecution execution) {
        lifecycle.promote(model(execution), version(execution), execution.getProcessInstanceId());
    }

    public void remindApprovers(DelegateExecution execution) {
        reminders.remind(model(execution), version(execution), openApprovalTask(execution),
                execution.getProcessInstanceId());
    }

    public void escalateApproval(DelegateExecution execution) {
        var task = openApprovalTask(execution);
        if (task != null) {
            tasks.addCandidateGroup(task, "governance-admin");
        }
        reminders.escalate(model(execution), version(execution), task, execution.getProcessInstanceId());
    }

    private String openApprovalTask(DelegateExecution execution) {
        var task = tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(APPROVAL_TASK).singleResult();
        return task == null ? null : task.getId();
    }

    private static String model(DelegateExecution execution) {
        return (String) execution.getVariable("model");
    }

    private static int version(DelegateExecution execution) {
        return (Integer) execution.getVariable("version");
    }
}
