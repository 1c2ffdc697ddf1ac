package org.modelops.governance.lifecycle.flowable;

import jakarta.inject.Singleton;
import org.flowable.engine.RuntimeService;
import org.modelops.governance.lifecycle.LifecycleSignals;
import org.modelops.governance.lifecycle.LifecycleStore;
import org.modelops.governance.lifecycle.VersionLifecycle;
import org.modelops.governance.registry.ReclassificationListener;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.registry.model.ModelName;
import org.modelops.governance.workflow.LifecycleVariables;

/**
 * What a reclassification does to a model's open lifecycles: each is re-pinned to the policy that governs the model
 * now (a new risk tier may bring another policy, with other rules, approvals and rollout) and re-decided, because the
 * classification is part of the evidence every approval is bound to. Its decision goes back to validation under the
 * new policy; a canary stops serving until the version is approved again.
 */
@Singleton
final class ReclassifiedLifecycles implements ReclassificationListener {

    private final LifecycleStore store;
    private final VersionLifecycle lifecycle;
    private final LifecycleSignals signals;
    private final RuntimeService runtime;

    ReclassifiedLifecycles(LifecycleStore store, VersionLifecycle lifecycle, LifecycleSignals signals,
            RuntimeService runtime) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.signals = signals;
        this.runtime = runtime;
    }

    @Override
    public void reclassified(String model, String fromTier, String toTier, String fromTeam, String toTeam,
            String reason) {
        var name = new ModelName(model);
        store.lockModel(name);
        var open = store.versionsIn(name, LifecycleState.OPEN).stream().filter(ref -> ref.lifecycleId() != null)
                .toList();
        if (open.isEmpty()) {
            return;
        }
        var policy = lifecycle.governingPolicy(model, toTier);
        var change = "the model was reclassified (" + describe(fromTier, toTier, fromTeam, toTeam) + "): " + reason;
        for (var version : open) {
            var changed = FlowableLifecycleLauncher.variables(policy.name(), policy.version(), policy.policy());
            changed.put(LifecycleVariables.RISK_TIER, toTier);
            changed.put(LifecycleVariables.OWNER_TEAM, toTeam);
            runtime.setVariables(version.lifecycleId(), LifecycleVariables.replacing(
                    runtime.getVariable(version.lifecycleId(), LifecycleVariables.TERMS), changed));
            lifecycle.pinPolicy(model, version.version(), policy, version.lifecycleId());
            signals.evidenceChanged(version.lifecycleId(), change);
        }
    }

    private static String describe(String fromTier, String toTier, String fromTeam, String toTeam) {
        var parts = new java.util.ArrayList<String>();
        if (!fromTier.equals(toTier)) {
            parts.add("risk tier " + fromTier + " to " + toTier);
        }
        if (!fromTeam.equals(toTeam)) {
            parts.add("owner team " + fromTeam + " to " + toTeam);
        }
        return String.join(", ", parts);
    }
}
