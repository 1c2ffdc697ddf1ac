package org.modelops.governance.lifecycle;

import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.modelops.audit.AuditSubject;
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

    private static final Set<LifecycleState> FINISHED = Set.of(LifecycleState.REJECTED, LifecycleState.SUPERSEDED,
            LifecycleState.ROLLED_BACK, LifecycleState.CHAMPION, LifecycleState.RETIRED);

    private final ModelCatalog catalog;
    private final LifecycleStore store;
    private final LifecycleSignals signals;
    private final AuditLog audit;

    ModelOperations(ModelCatalog catalog, LifecycleStore store, LifecycleSignals signals, AuditLog audit) {
        this.catalog = catalog;
        this.store = store;
        this.signals = signals;
        this.audit = audit;
    }

    /** The previous champion serves again; the current one becomes ROLLED_BACK. */
    @Transactional
    public ModelVersion rollback(Actor actor, String model, String reason) {
        requireReason(reason);
        var name = model(model);
        store.lockModel(name);
        int current = store.champion(name).orElseThrow(() -> Refusal.conflict("no-champion",
                "Model '" + model + "' has no champion to roll back."));
        int previous = store.superseded(name, current).orElseThrow(() -> Refusal.conflict("no-previous-champion",
                "Version " + current + " of '" + model + "' was the model's first champion; there is nothing to roll"
                        + " back to."));
        var target = catalog.version(name, previous).orElseThrow();
        if (target.state() != LifecycleState.SUPERSEDED) {
            throw Refusal.conflict("previous-champion-unavailable", "Version " + previous + " of '" + model
                    + "' is " + target.state() + " and cannot serve again.");
        }
        changeState(actor, catalog.version(name, current).orElseThrow(), LifecycleState.ROLLED_BACK,
                "rolled back by " + actor.username() + ": " + reason);
        changeState(actor, target, LifecycleState.CHAMPION, "serves again after the rollback of version " + current);
        store.replaceDeployment(name, List.of(new LifecycleStore.Share(previous, 100)));
        var details = new LinkedHashMap<String, Object>();
        details.put("from", current);
        details.put("to", previous);
        details.put("reason", reason);
        audit.record(actor, "model.rolled-back", AuditSubject.model(model), details, null);
        return catalog.version(name, previous).orElseThrow();
    }

    /** A state change that a person caused: recorded on the version's own timeline, with that person as actor. */
    private void changeState(Actor actor, ModelVersion version, LifecycleState state, String reason) {
        store.changeState(version.model(), version.version(), state, reason);
        var details = new LinkedHashMap<String, Object>();
        details.put("from", version.state().name());
        details.put("to", state.name());
        details.put("reason", reason);
        audit.record(actor, "version.state-changed", AuditSubject.modelVersion(version.model().value(),
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
        if (!FINISHED.contains(target.state()) && target.lifecycleId() != null) {
            signals.cancel(target.lifecycleId(), "retired by " + actor.username() + ": " + reason);
        }
        store.changeState(name, version, LifecycleState.RETIRED, "retired by " + actor.username() + ": " + reason);
        audit.record(actor, "version.retired", AuditSubject.modelVersion(model, version),
                Map.of("from", target.state().name(), "reason", reason), target.lifecycleId());
        return catalog.version(name, version).orElseThrow();
    }

    /** Stores an evaluation report; a lifecycle waiting for one compares again. */
    @Transactional
    public ModelVersion evaluate(Actor actor, String model, int version, String datasetUri, Sha256 datasetSha256,
            Map<String, Double> metrics, Map<String, Map<String, Double>> sliceMetrics) {
        var name = model(model);
        var target = catalog.version(name, version).orElseThrow(() -> RegistryRefusals.unknownVersion(model,
                version));
        store.addEvaluation(name, version, datasetUri, datasetSha256.hex(), metrics, sliceMetrics, actor.username());
        var details = new LinkedHashMap<String, Object>();
        details.put("datasetUri", datasetUri);
        details.put("datasetSha256", datasetSha256.hex());
        details.put("metrics", metrics);
        audit.record(actor, "evaluation.reported", AuditSubject.modelVersion(model, version), details,
                target.lifecycleId());
        if (target.lifecycleId() != null) {
            signals.evaluationReceived(target.lifecycleId());
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
