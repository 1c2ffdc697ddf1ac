package org.modelops.governance.serving.flowable;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.flowable.engine.delegate.DelegateExecution;
import org.modelops.governance.serving.ServingActions;
import org.modelops.governance.workflow.LifecycleVariables;
import org.modelops.governance.workflow.WorkflowBean;

/**
 * What the serving phase's BPMN steps call, e.g. {@code ${serving.actOnBreach(execution)}}. The facts of one breach or
 * one re-certification (breach, response, task kind, roles, reason) are local variables of its own path, so that
 * several at once never read each other's.
 */
@Singleton
@Named("serving")
public class ServingSteps implements WorkflowBean {

    private final ServingActions actions;

    ServingSteps(ServingActions actions) {
        this.actions = actions;
    }

    /** A breach in serving; the path's {@code breachResponse} is ROLLBACK, REVIEW or NONE. */
    public void actOnBreach(DelegateExecution execution) {
        actOnBreach(execution, false);
    }

    /** A breach of the canary while it rolls out; the path's {@code breachResponse} is ROLLBACK (stop), REVIEW, NONE. */
    public void actOnCanaryBreach(DelegateExecution execution) {
        actOnBreach(execution, true);
    }

    private void actOnBreach(DelegateExecution execution, boolean duringRollout) {
        var breach = ((Number) execution.getVariable(LifecycleVariables.BREACH)).longValue();
        execution.setVariableLocal(LifecycleVariables.BREACH, breach);
        var response = actions.actOnBreach(LifecycleVariables.model(execution), LifecycleVariables.version(execution),
                breach, LifecycleVariables.policy(execution), LifecycleVariables.policyVersion(execution),
                duringRollout, execution.getProcessInstanceId());
        execution.setVariableLocal(LifecycleVariables.BREACH_RESPONSE, response.route().name());
        execution.setVariableLocal(LifecycleVariables.REVIEW_KIND, "monitoring-review");
        execution.setVariableLocal(LifecycleVariables.REVIEW_ROLES, String.join(",", response.roles()));
        execution.setVariableLocal(LifecycleVariables.REVIEW_REASON, response.reason());
    }

    /** The rollout's stop on the canary's breach; the flow then ends the instance (and the canary's timers). */
    public void stopRollout(DelegateExecution execution) {
        actions.stopRolloutAutomatically(LifecycleVariables.model(execution), LifecycleVariables.version(execution),
                ((Number) execution.getVariable(LifecycleVariables.BREACH)).longValue(),
                LifecycleVariables.policy(execution), LifecycleVariables.policyVersion(execution),
                execution.getProcessInstanceId());
    }

    public void rollBack(DelegateExecution execution) {
        actions.rollBackAutomatically(LifecycleVariables.model(execution), LifecycleVariables.version(execution),
                ((Number) execution.getVariable(LifecycleVariables.BREACH)).longValue(),
                execution.getProcessInstanceId());
    }

    public void openRecertification(DelegateExecution execution) {
        var task = actions.openRecertification(LifecycleVariables.model(execution),
                LifecycleVariables.version(execution), LifecycleVariables.policy(execution),
                LifecycleVariables.policyVersion(execution), execution.getProcessInstanceId());
        setTask(execution, task);
    }

    /** After a failed re-certification (its comment says why) or one that lapsed (no outcome). */
    public void escalateRecertification(DelegateExecution execution) {
        var failed = "FAIL".equals(execution.getVariableLocal(LifecycleVariables.REVIEW_OUTCOME));
        var task = actions.escalateRecertification(LifecycleVariables.model(execution),
                LifecycleVariables.version(execution), LifecycleVariables.policy(execution),
                LifecycleVariables.policyVersion(execution),
                failed ? (String) execution.getVariableLocal(LifecycleVariables.REVIEW_COMMENT) : null,
                execution.getProcessInstanceId());
        execution.removeVariableLocal(LifecycleVariables.REVIEW_OUTCOME);
        setTask(execution, task);
    }

    public void incident(DelegateExecution execution, String where, String variable) {
        actions.incident(LifecycleVariables.model(execution), LifecycleVariables.version(execution), where,
                execution.getVariable(variable), execution.getProcessInstanceId());
    }

    private static void setTask(DelegateExecution execution, ServingActions.TaskToOpen task) {
        execution.setVariableLocal(LifecycleVariables.REVIEW_KIND, task.kind());
        execution.setVariableLocal(LifecycleVariables.REVIEW_ROLES, String.join(",", task.roles()));
        execution.setVariableLocal(LifecycleVariables.REVIEW_REASON, task.reason());
    }
}
