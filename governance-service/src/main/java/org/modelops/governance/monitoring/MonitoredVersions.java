package org.modelops.governance.monitoring;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Set;
import org.modelops.governance.policy.Policies;
import org.modelops.governance.policy.model.PolicyVersion;
import org.modelops.governance.registry.ModelRegistry;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.registry.model.ModelVersion;
import org.modelops.governance.shared.Refusal;

/** Finds a version, its database id and the policy version it is monitored under: the one its lifecycle pinned. */
@Singleton
class MonitoredVersions {

    /**
     * A version as monitoring sees it.
     *
     * @param servingEndedAt when it stopped serving (superseded, rolled back, its rollout stopped), or null while it
     *        serves or if it never served: its windows are judged up to then only
     */
    record Monitored(ModelVersion version, long id, PolicyVersion policy, Instant servingEndedAt) {

        /** Up to when its windows are judged: now, or when it stopped serving. */
        Instant judgedUntil(Instant now) {
            return servingEndedAt == null || servingEndedAt.isAfter(now) ? now : servingEndedAt;
        }

        /** What a verdict's explanation adds for a version that no longer serves; empty while it serves. */
        String notServing() {
            return servingEndedAt == null
                    ? ""
                    : " Version " + version.version() + " stopped serving at " + servingEndedAt + " (" + version.state()
                            + "): windows after that are not judged — it gets no traffic — so this is its verdict"
                            + " from when it served.";
        }
    }

    /** States of a version that no longer serves; when it stopped is recorded. */
    private static final Set<LifecycleState> STOPPED_SERVING = Set.of(LifecycleState.SUPERSEDED,
            LifecycleState.ROLLED_BACK, LifecycleState.RETIRED);

    private final ModelRegistry registry;
    private final MonitoringStore store;
    private final ServingHistory history;
    private final Policies policies;

    MonitoredVersions(ModelRegistry registry, MonitoringStore store, ServingHistory history, Policies policies) {
        this.registry = registry;
        this.store = store;
        this.history = history;
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
        var servingEndedAt = STOPPED_SERVING.contains(version.state())
                ? history.servingEndedAt(id).orElse(null)
                : null;
        return new Monitored(version, id, policy, servingEndedAt);
    }

    static Refusal noBaseline(String name, int version) {
        return Refusal.conflict("no-baseline", "Version " + version + " of model '" + name + "' has no baseline yet;"
                + " an ML engineer uploads a reference sample to POST /api/v1/models/" + name + "/versions/" + version
                + "/baseline first.");
    }
}
