package org.modelops.governance.lifecycle.flowable;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.flowable.engine.delegate.DelegateExecution;
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

    private final VersionLifecycle lifecycle;

    LifecycleSteps(VersionLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    public void enterState(DelegateExecution execution, String state) {
        lifecycle.enterState((String) execution.getVariable("model"), (Integer) execution.getVariable("version"),
                LifecycleState.valueOf(state), execution.getProcessInstanceId());
    }
}
