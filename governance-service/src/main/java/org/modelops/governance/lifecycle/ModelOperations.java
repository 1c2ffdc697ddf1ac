package org.modelops.governance.lifecycle;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.registry.ModelCatalog;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.registry.model.ModelName;
import org.modelops.governance.registry.model.ModelVersion;
import org.modelops.governance.registry.model.RegistryRefusals;
import org.modelops.governance.registry.model.Sha256;
import org.modelops.governance.security.Actor;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.Refusal;

/** What people do to a model's serving versions outside a version's own lifecycle: roll back, retire, evaluate. */
@Singleton
public class ModelOperations {

    private final ModelCatalog catalog;
    private final LifecycleStore store;
    private final LifecycleSignals signals;
    private final VersionLifecycle lifecycle;
    private final AuditLog audit;

    ModelOperations(ModelCatalog catalog, LifecycleStore store, LifecycleSignals signals, VersionLifecycle lifecycle,
            AuditLog audit) {
        this.catalog = catalog;
        this.store = store;
        this.signals = signals;
        this.lifecycle = lifecycle;
        this.audit = audit;
    }

    /** What a rollback did: the version it rolled back and the version that serves now (null: none). */
    public record RolledBack(ModelVersion rolledBack, ModelVersion serving, boolean rolloutStopped) {
    }

    /**
     * During a rollout, stops it: the canary stops serving at once and becomes ROLLED_BACK, its timers are cancelled,
     * and the champion serves 100 % (or, for a first version, nothing serves). Otherwise the previous champion serves
     * again and the current one becomes ROLLED_BACK. {@code expectedVersion} must name the version this rolls back, so
     * that a retry or a concurrent second call is refused (409) instead of rolling back one step further. Every other
     * open lifecycle of the model is then compared again with what serves.
     */
    @Transactional
    public RolledBack rollback(Actor actor, String model, String reason, Integer expectedVersion) {
        requireReason(reason);
        if (expectedVersion == null) {
            throw Refusal.invalid(List.of(new FieldViolation("expectedVersion", "required",
                    "name the version you mean to roll back, so that a retry cannot roll back a second one")));
        }
        var name = model(model);
        store.lockModel(name);
        var rollingOut = store.versionsIn(name, Set.of(LifecycleState.ROLLING_OUT));
        if (!rollingOut.isEmpty()) {
            return stopRollout(actor, name, rollingOut.getFirst(), reason, expectedVersion);
        }
        var currentChampion = store.champion(name);
        if (currentChampion.isEmpty()) {
            throw Refusal.conflict("no-champion", "Model '" + model + "' has no champion and no rollout to roll back.");
        }
        int current = currentChampion.get();
        if (current != expectedVersion) {
            throw staleRollback(model, expectedVersion, "version " + current + " is the champion");
        }
        var rolledBack = rollBackChampion(actor, name, current, "rolled back by " + actor.username() + ": " + reason,
                reason, Map.of(), null);
        signals.servingEnded(model, current, "rolled back by " + actor.username() + ": " + reason);
        return rolledBack;
    }

    /**
     * The serving phase's rollback of a breached champion, automatic (actor: the system) or decided on a review task
     * (actor: the reviewer): the same governed path as {@link #rollback}, in the caller's transaction (model, then
     * version, then audit). {@code evidence} (the breach's, the task's) is added to {@code model.rolled-back}. The
     * rolled-back version's own serving phase is the caller and ends itself; the previous champion starts serving
     * again.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public RolledBack rollbackServing(Actor actor, String model, int version, String reason,
            Map<String, Object> evidence, String lifecycleId) {
        var name = model(model);
        store.lockModel(name);
        var currentChampion = store.champion(name);
        if (currentChampion.isEmpty() || currentChampion.get() != version) {
            throw staleRollback(model, version, currentChampion.map(current -> "version " + current
                    + " is the champion").orElse("the model has no champion"));
        }
        return rollBackChampion(actor, name, version, reason, reason, evidence, lifecycleId);
    }

    /**
     * A canary's rollout stopped from within its own lifecycle: automatically on a breach (actor: the system) or
     * decided on a review task (actor: the reviewer). The same governed steps as {@link #rollback} during a rollout, in
     * the caller's transaction (model, then version, then audit): the canary stops serving and becomes ROLLED_BACK, the
     * champion serves 100 %, {@code rollout.stopped} carries {@code evidence} (the breach's, the task's), and the
     * model's other open lifecycles are re-opened. The canary's lifecycle is the caller and ends itself (with its bake
     * timers). A version that is no longer rolling out is refused (409 {@code stale-rollback}): nothing changes twice.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public RolledBack stopRolloutInLifecycle(Actor actor, String model, int version, String reason,
            Map<String, Object> evidence, String lifecycleId) {
        var name = model(model);
        store.lockModel(name);
        var rollingOut = store.versionsIn(name, Set.of(LifecycleState.ROLLING_OUT)).stream()
                .filter(canary -> canary.version() == version).findFirst()
                .orElseThrow(() -> staleRollback(model, version, "it is no longer rolling out ("
                        + catalog.version(name, version).map(found -> found.state().name()).orElse("unknown") + ")"));
        return stopRollout(actor, name, rollingOut, reason, reason, evidence, lifecycleId, false);
    }

    private RolledBack rollBackChampion(Actor actor, ModelName name, int current, String stateReason, String reason,
            Map<String, Object> evidence, String lifecycleId) {
        var model = name.value();
        int previous = store.superseded(name, current).orElseThrow(() -> Refusal.conflict("no-previous-champion",
                "Version " + current + " of '" + model + "' was the model's first champion; there is nothing to roll"
                        + " back to."));
        var target = catalog.version(name, previous).orElseThrow();
        if (target.state() != LifecycleState.SUPERSEDED) {
            throw Refusal.conflict("previous-champion-unavailable", "Version " + previous + " of '" + model
                    + "' is " + target.state() + " and cannot serve again.");
        }
        changeState(actor, catalog.version(name, current).orElseThrow(), LifecycleState.ROLLED_BACK, stateReason);
        changeState(actor, target, LifecycleState.CHAMPION, "serves again after the rollback of version " + current);
        store.replaceDeployment(name, List.of(new LifecycleStore.Share(previous, 100)));
        var details = new LinkedHashMap<String, Object>();
        details.put("from", current);
        details.put("to", previous);
        details.put("reason", reason);
        details.put("automatic", actor.equals(Actor.SYSTEM));
        details.putAll(evidence);
        audit.record(actor, AuditActions.MODEL_ROLLED_BACK, AuditSubject.model(model), details, lifecycleId);
        lifecycle.reopenOthers(name, current, "version " + current + " was rolled back; version " + previous
                + " serves again");
        signals.servingResumed(model, previous);
        return new RolledBack(catalog.version(name, current).orElseThrow(), catalog.version(name, previous)
                .orElseThrow(), false);
    }

    private RolledBack stopRollout(Actor actor, ModelName name, LifecycleStore.VersionRef canary, String reason,
            int expectedVersion) {
        var model = name.value();
        if (canary.version() != expectedVersion) {
            throw staleRollback(model, expectedVersion, "version " + canary.version() + " is rolling out");
        }
        return stopRollout(actor, name, canary, "rollout stopped by " + actor.username() + ": " + reason, reason,
                Map.of(), canary.lifecycleId(), true);
    }

    private RolledBack stopRollout(Actor actor, ModelName name, LifecycleStore.VersionRef canary, String stateReason,
            String reason, Map<String, Object> evidence, String lifecycleId, boolean endLifecycle) {
        var model = name.value();
        if (endLifecycle && canary.lifecycleId() != null) {
            signals.cancel(canary.lifecycleId(), stateReason);
        }
        var champion = store.champion(name);
        store.replaceDeployment(name, champion.map(current -> List.of(new LifecycleStore.Share(current, 100)))
                .orElse(List.of()));
        var stopped = catalog.version(name, canary.version()).orElseThrow();
        changeState(actor, stopped, LifecycleState.ROLLED_BACK, stateReason);
        var details = new LinkedHashMap<String, Object>();
        details.put("version", canary.version());
        details.put("champion", champion.orElse(null));
        details.put("reason", reason);
        details.put("serving", champion.map(current -> "version " + current + " serves 100 %")
                .orElse("nothing serves: the model has no champion"));
        details.put("automatic", actor.equals(Actor.SYSTEM));
        details.putAll(evidence);
        audit.record(actor, AuditActions.ROLLOUT_STOPPED, AuditSubject.modelVersion(model, canary.version()), details,
                lifecycleId);
        lifecycle.reopenOthers(name, canary.version(), "the rollout of version " + canary.version() + " was stopped");
        return new RolledBack(catalog.version(name, canary.version()).orElseThrow(),
                champion.flatMap(current -> catalog.version(name, current)).orElse(null), true);
    }

    private static Refusal staleRollback(String model, int expected, String actually) {
        return Refusal.conflict("stale-rollback", "You asked to roll back version " + expected + " of '" + model
                + "', but " + actually + ". Nothing was changed; look at what serves now and decide again.");
    }

    /** A state change that a person caused: recorded on the version's own timeline, with that person as actor. */
    private void changeState(Actor actor, ModelVersion version, LifecycleState state, String reason) {
        store.changeState(version.model(), version.version(), version.state().moveTo(state), reason);
        var details = new LinkedHashMap<String, Object>();
        details.put("from", version.state().name());
        details.put("to", state.name());
        details.put("reason", reason);
        audit.record(actor, AuditActions.VERSION_STATE_CHANGED, AuditSubject.modelVersion(version.model().value(),
                version.version()), details, version.lifecycleId());
    }

    /** Retires a version that does not serve; a running lifecycle is ended. */
    @Transactional
    public ModelVersion retire(Actor actor, String model, int version, String reason) {
        requireReason(reason);
        var name = model(model);
        store.lockModel(name);
        var target = catalog.version(name, version).orElseThrow(() -> RegistryRefusals.unknownVersion(model,
                version));
        if (target.state() == LifecycleState.RETIRED) {
            throw Refusal.conflict("already-retired", "Version " + version + " of '" + model + "' is already retired.");
        }
        if (store.deployment(name).stream().anyMatch(share -> share.version() == version && share.percent() > 0)) {
            throw Refusal.conflict("serving-version", "Version " + version + " of '" + model + "' serves traffic ("
                    + target.state() + "); promote or roll back to another version first.");
        }
        if (!LifecycleState.FINISHED.contains(target.state()) && target.lifecycleId() != null) {
            signals.cancel(target.lifecycleId(), "retired by " + actor.username() + ": " + reason);
        }
        signals.servingEnded(model, version, "retired by " + actor.username() + ": " + reason);
        store.changeState(name, version, target.state().moveTo(LifecycleState.RETIRED),
                "retired by " + actor.username() + ": " + reason);
        audit.record(actor, AuditActions.VERSION_RETIRED, AuditSubject.modelVersion(model, version),
                Map.of("from", target.state().name(), "reason", reason), target.lifecycleId());
        return catalog.version(name, version).orElseThrow();
    }

    /**
     * Stores an evaluation report. It is new evidence: the version's open lifecycle goes back to validation (which
     * judges the report too) and earlier approvals no longer count; a report on the champion re-opens every open
     * lifecycle of the model, whose comparison may rest on it.
     */
    @Transactional
    public ModelVersion evaluate(Actor actor, String model, int version, String datasetUri, Sha256 datasetSha256,
            Map<String, Double> metrics, Map<String, Map<String, Double>> sliceMetrics) {
        var name = model(model);
        store.lockModel(name);
        var target = catalog.version(name, version).orElseThrow(() -> RegistryRefusals.unknownVersion(model,
                version));
        store.addEvaluation(name, version, datasetUri, datasetSha256.hex(), metrics, sliceMetrics, actor.username());
        var details = new LinkedHashMap<String, Object>();
        details.put("datasetUri", datasetUri);
        details.put("datasetSha256", datasetSha256.hex());
        details.put("metrics", metrics);
        details.put("sliceMetrics", sliceMetrics);
        audit.record(actor, AuditActions.EVALUATION_REPORTED, AuditSubject.modelVersion(model, version), details,
                target.lifecycleId());
        var change = "an evaluation report on " + datasetUri + " arrived for version " + version;
        if (target.lifecycleId() != null && LifecycleState.OPEN.contains(target.state())) {
            signals.evidenceChanged(target.lifecycleId(), change);
        }
        if (target.state() == LifecycleState.CHAMPION) {
            lifecycle.reopenOthers(name, version, change + ", the champion");
        }
        return catalog.version(name, version).orElseThrow();
    }

    @ReadOnly
    public List<LifecycleStore.Share> deployment(String model) {
        return store.deployment(model(model));
    }

    private ModelName model(String model) {
        if (model == null || !ModelName.RULE.matcher(model).matches()) {
            throw RegistryRefusals.unknownModel(model);
        }
        var name = new ModelName(model);
        catalog.model(name).orElseThrow(() -> RegistryRefusals.unknownModel(model));
        return name;
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw Refusal.invalid(List.of(new FieldViolation("reason", "required", "say why, for the record")));
        }
    }
}
