package org.modelops.governance.lifecycle.flowable;

import jakarta.inject.Singleton;
import java.util.Map;
import org.flowable.engine.RuntimeService;
import org.modelops.governance.lifecycle.LifecycleSignals;
import org.modelops.governance.workflow.LifecycleVariables;

@Singleton
final class FlowableLifecycleSignals implements LifecycleSignals {

    private final RuntimeService runtime;

    FlowableLifecycleSignals(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public boolean evidenceChanged(String lifecycleId, String change) {
        var waiting = runtime.createExecutionQuery().processInstanceId(lifecycleId)
                .messageEventSubscriptionName(EVIDENCE_CHANGED).list();
        if (waiting.isEmpty()) {
            return false;
        }
        runtime.messageEventReceived(EVIDENCE_CHANGED, waiting.getFirst().getId(),
                Map.of(LifecycleVariables.EVIDENCE_CHANGE, change));
        return true;
    }

    @Override
    public void cancel(String lifecycleId, String reason) {
        if (runtime.createProcessInstanceQuery().processInstanceId(lifecycleId).count() > 0) {
            runtime.deleteProcessInstance(lifecycleId, reason);
        }
    }
}
