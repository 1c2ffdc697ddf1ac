package org.modelops.governance.serving.flowable;

import jakarta.inject.Singleton;
import org.flowable.engine.RuntimeService;
import org.modelops.governance.serving.ServingProcess;
import org.modelops.governance.workflow.LifecycleVariables;

@Singleton
final class FlowableServingProcess implements ServingProcess {

    static final String SIGNAL_BREACHED = "signalBreached";

    private final RuntimeService runtime;

    FlowableServingProcess(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /**
     * The breach id is set on the process instance just before the message, and the path the message starts copies
     * it to its own execution at once (in this call), so that paths of several breaches never read each other's.
     */
    @Override
    public boolean breached(String model, int version, long breach) {
        for (var instance : runtime.createProcessInstanceQuery().processInstanceBusinessKey(model + "/" + version)
                .list()) {
            var waiting = runtime.createExecutionQuery().processInstanceId(instance.getId())
                    .messageEventSubscriptionName(SIGNAL_BREACHED).list();
            if (!waiting.isEmpty()) {
                runtime.setVariable(instance.getId(), LifecycleVariables.BREACH, breach);
                runtime.messageEventReceived(SIGNAL_BREACHED, waiting.getFirst().getId());
                return true;
            }
        }
        return false;
    }
}
