package org.modelops.governance.lifecycle.flowable;

import jakarta.inject.Singleton;
import java.util.Map;
import org.flowable.engine.RuntimeService;
import org.modelops.governance.lifecycle.LifecycleSignals;
import org.modelops.governance.policy.Policies;
import org.modelops.governance.registry.ModelCatalog;
import org.modelops.governance.registry.model.ModelName;
import org.modelops.governance.workflow.LifecycleVariables;

@Singleton
final class FlowableLifecycleSignals implements LifecycleSignals {

    /** The message start event of the serving phase, for a version that serves again. */
    static final String SERVING_RESUMED = "servingResumed";

    private final RuntimeService runtime;
    private final ModelCatalog catalog;
    private final Policies policies;

    FlowableLifecycleSignals(RuntimeService runtime, ModelCatalog catalog, Policies policies) {
        this.runtime = runtime;
        this.catalog = catalog;
        this.policies = policies;
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

    @Override
    public boolean servingEnded(String model, int version, String reason) {
        var ended = false;
        for (var instance : runtime.createProcessInstanceQuery().processInstanceBusinessKey(model + "/" + version)
                .list()) {
            for (var waiting : runtime.createExecutionQuery().processInstanceId(instance.getId())
                    .messageEventSubscriptionName(SERVING_ENDED).list()) {
                runtime.messageEventReceived(SERVING_ENDED, waiting.getId(), Map.of());
                ended = true;
            }
        }
        return ended;
    }

    @Override
    public String servingResumed(String model, int version) {
        var name = new ModelName(model);
        var subject = catalog.version(name, version).orElseThrow();
        var registered = catalog.model(name).orElseThrow();
        var governance = subject.governance();
        var policy = governance.policyName() != null
                ? policies.version(governance.policyName(), governance.policyVersion())
                : policies.governing(model, registered.riskTier().name());
        var variables = FlowableLifecycleLauncher.variables(policy.name(), policy.version(), policy.policy());
        variables.putAll(Map.of(LifecycleVariables.MODEL, model, LifecycleVariables.VERSION, version,
                LifecycleVariables.RISK_TIER, registered.riskTier().name(), LifecycleVariables.SUBMITTED_BY,
                subject.submittedBy(), LifecycleVariables.OWNER_TEAM, registered.ownerTeam()));
        return runtime.createProcessInstanceBuilder().messageName(SERVING_RESUMED)
                .businessKey(model + "/" + version).variables(LifecycleVariables.starting(variables)).start()
                .getProcessInstanceId();
    }
}
