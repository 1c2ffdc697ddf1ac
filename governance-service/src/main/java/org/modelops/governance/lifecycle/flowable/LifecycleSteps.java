package org.modelops.governance.lifecycle.flowable;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Map;
import org.flowable.engine.TaskService;
import org.flowable.engine.delegate.DelegateExecution;
import org.modelops.governance.lifecycle.ApprovalReminders;
import org.modelops.governance.lifecycle.VersionLifecycle;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.workflow.LifecycleVariables;
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
        lifecycle.enterState(model(execution), version(execution), LifecycleState.valueOf(state), id(execution));
    }

    public boolean validate(DelegateExecution execution) {
        return lifecycle.validate(model(execution), version(execution), LifecycleVariables.policy(execution),
                LifecycleVariables.policyVersion(execution), id(execution));
    }

    public String challenge(DelegateExecution execution) {
        return lifecycle.challenge(model(execution), version(execution), LifecycleVariables.policy(execution),
                LifecycleVariables.policyVersion(execution), id(execution));
    }

    public int countApprovals(DelegateExecution execution) {
        return lifecycle.approvalsOnCurrentEvidence(model(execution), version(execution));
    }

    public void reopen(DelegateExecution execution) {
        lifecycle.reopen(model(execution), version(execution), LifecycleVariables.evidenceChange(execution),
                id(execution));
    }

    public void withdrawCanary(DelegateExecution execution) {
        lifecycle.withdrawCanary(model(execution), version(execution), id(execution));
    }

    public boolean rolloutSlotFree(DelegateExecution execution) {
        return lifecycle.rolloutSlotFree(model(execution), version(execution));
    }

    public void reject(DelegateExecution execution, String stage) {
        var comment = "approval".equals(stage) ? LifecycleVariables.decisionComment(execution) : null;
        lifecycle.reject(model(execution), version(execution), stage, comment, id(execution));
    }

    /** The multi-instance collection of the canary steps: {@code ${lifecycle.rolloutSteps(execution)}}. */
    public java.util.List<Map<String, Object>> rolloutSteps(DelegateExecution execution) {
        return LifecycleVariables.rolloutSteps(execution);
    }

    public void shiftTraffic(DelegateExecution execution, Map<String, Object> step) {
        lifecycle.shiftTraffic(model(execution), version(execution), LifecycleVariables.stepPercent(step),
                id(execution));
    }

    /** True when promoted; otherwise the re-check's reason becomes the change the lifecycle re-opens with. */
    public boolean promote(DelegateExecution execution) {
        var refused = lifecycle.promote(model(execution), version(execution),
                LifecycleVariables.approvalsRequired(execution), id(execution));
        execution.setVariable(LifecycleVariables.PROMOTION_REFUSED, refused);
        if (refused != null) {
            execution.setVariable(LifecycleVariables.EVIDENCE_CHANGE, "the promotion's re-check: " + refused);
        }
        return refused == null;
    }

    /** Stops on an outcome the gateway {@code where} does not know; {@code variable} holds that outcome. */
    public void incident(DelegateExecution execution, String where, String variable) {
        lifecycle.incident(model(execution), version(execution), where, LifecycleVariables.named(execution, variable),
                id(execution));
    }

    public void remindApprovers(DelegateExecution execution) {
        reminders.remind(model(execution), version(execution), openApprovalTask(execution), id(execution));
    }

    public void escalateApproval(DelegateExecution execution) {
        var task = openApprovalTask(execution);
        if (task != null) {
            tasks.addCandidateGroup(task, "governance-admin");
        }
        reminders.escalate(model(execution), version(execution), task, id(execution));
    }

    private String openApprovalTask(DelegateExecution execution) {
        var task = tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(APPROVAL_TASK).singleResult();
        return task == null ? null : task.getId();
    }

    private static String id(DelegateExecution execution) {
        return execution.getProcessInstanceId();
    }

    private static String model(DelegateExecution execution) {
        return LifecycleVariables.model(execution);
    }

    private static int version(DelegateExecution execution) {
        return LifecycleVariables.version(execution);
    }
}
