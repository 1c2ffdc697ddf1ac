package org.modelops.governance.monitoring;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.modelops.governance.monitoring.model.ServingPeriod;
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
     * @param serving when it last stopped serving and came back: its windows are judged only while it served
     */
    record Monitored(ModelVersion version, long id, PolicyVersion policy, ServingPeriod serving) {

        /** The starts of the windows to judge, oldest first ({@link ServingPeriod#windows}). */
        List<Instant> windows(Instant now, Instant first, Duration window, int wanted) {
            return serving.windows(now, first, window, wanted);
        }

        /** What a verdict's explanation adds for a version that does not serve or did not for a while. */
        String notServing() {
            if (serving.stoppedAt() == null) {
                return "";
            }
            return serving.serving()
                    ? " Windows from " + serving.stoppedAt() + " to " + serving.resumedAt() + ", while version "
                            + version.version() + " did not serve, are not judged."
                    : " Version " + version.version() + " stopped serving at " + serving.stoppedAt() + " ("
                            + version.state() + "): windows after that are not judged — it gets no traffic — so"
                            + " this is its verdict from when it served.";
        }
    }

    /** States in which a version serves: a stop recorded earlier is history, never a reason to stop judging. */
    private static final Set<LifecycleState> SERVES = Set.of(LifecycleState.CHAMPION, LifecycleState.ROLLING_OUT);

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
        var serving = history.servingPeriod(id);
        if (!serving.serving() && SERVES.contains(version.state())) {
            serving = ServingPeriod.SERVING;
        }
        return new Monitored(version, id, policy, serving);
    }

    static Refusal noBaseline(String name, int version) {
        return Refusal.conflict("no-baseline", "Version " + version + " of model '" + name + "' has no baseline yet;"
                + " an ML engineer uploads a reference sample to POST /api/v1/models/" + name + "/versions/" + version
                + "/baseline first.");
    }
}
