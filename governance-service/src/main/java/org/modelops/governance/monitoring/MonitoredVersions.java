package org.modelops.governance.monitoring;

import jakarta.inject.Singleton;
import org.modelops.governance.policy.Policies;
import org.modelops.governance.policy.model.PolicyVersion;
import org.modelops.governance.registry.ModelRegistry;
import org.modelops.governance.registry.model.ModelVersion;
import org.modelops.governance.shared.Refusal;

/** Finds a version, its database id and the policy version it is monitored under: the one its lifecycle pinned. */
@Singleton
class MonitoredVersions {

    /** A version as monitoring sees it. */
    record Monitored(ModelVersion version, long id, PolicyVersion policy) {
    }

    private final ModelRegistry registry;
    private final MonitoringStore store;
    private final Policies policies;

    MonitoredVersions(ModelRegistry registry, MonitoringStore store, Policies policies) {
        this.registry = registry;
        this.store = store;
        this.policies = policies;
    }

    ModelRegistry registry() {
        return registry;
    }

    Monitored find(String name, int number) {
        var version = registry.version(name, number);
        var id = store.versionId(name, number).orElseThrow();
        var governance = version.governance();
        var policy = governance.policyName() != null
                ? policies.version(governance.policyName(), governance.policyVersion())
                : policies.governing(name, registry.model(name).riskTier().name());
        return new Monitored(version, id, policy);
    }

    static Refusal noBaseline(String name, int version) {
        return Refusal.conflict("no-baseline", "Version " + version + " of model '" + name + "' has no baseline yet;"
                + " an ML engineer uploads a reference sample to POST /api/v1/models/" + name + "/versions/" + version
                + "/baseline first.");
    }
}
