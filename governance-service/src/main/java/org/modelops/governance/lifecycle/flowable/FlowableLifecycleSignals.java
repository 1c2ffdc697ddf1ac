package org.modelops.governance.lifecycle.flowable;

import jakarta.inject.Singleton;
import org.flowable.engine.RuntimeService;
import org.modelops.governance.lifecycle.LifecycleSignals;

@Singleton
final class FlowableLifecycleSignals implements LifecycleSignals {

    private final RuntimeService runtime;

    FlowableLifecycleSignals(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public boolean evaluationReceived(String lifecycleId) {
        var waiting = runtime.createExecutionQuery().processInstanceId(lifecycleId).activityId("awaitEvaluation")
                .singleResult();
        if (waiting == null) {
            return false;
        }
        runtime.trigger(waiting.getId());
        return true;
    }

    @Override
    public void cancel(String lifecycleId, String reason) {
        if (runtime.createProcessInstanceQuery().processInstanceId(lifecycleId).count() > 0) {
            runtime.deleteProcessInstance(lifecycleId, reason);
        }
    }
}
