package org.modelops.governance.registry;

import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.registry.model.ModelName;
import org.modelops.governance.registry.model.ModelRegistration;
import org.modelops.governance.registry.model.ModelSearch;
import org.modelops.governance.registry.model.ModelVersion;
import org.modelops.governance.registry.model.RegisteredModel;
import org.modelops.governance.registry.model.RegistryRefusals;
import org.modelops.governance.security.Actor;
import org.modelops.governance.shared.Page;
import org.modelops.governance.shared.PageRequest;

/** Registering models and reading the catalog. */
@Singleton
public class ModelRegistry {

    private final ModelCatalog catalog;
    private final AuditLog audit;
    private final Clock clock;

    ModelRegistry(ModelCatalog catalog, AuditLog audit) {
        this.catalog = catalog;
        this.audit = audit;
        this.clock = Clock.systemUTC();
    }

    @Transactional
    public RegisteredModel register(Actor actor, ModelRegistration registration) {
        var model = new RegisteredModel(registration.name(), registration.description(), registration.ownerTeam(),
                registration.riskTier(), registration.tags(), clock.instant().truncatedTo(ChronoUnit.MICROS),
                actor.username(), 0);
        if (!catalog.add(model)) {
            throw RegistryRefusals.duplicateModel(registration.name().value());
        }
        var details = new LinkedHashMap<String, Object>();
        details.put("ownerTeam", model.ownerTeam());
        details.put("riskTier", model.riskTier().name());
        details.put("description", model.description());
        details.put("tags", model.tags());
        audit.record(actor, "model.registered", AuditSubject.model(model.name().value()), details, null);
        return model;
    }

    @ReadOnly
    public RegisteredModel model(String name) {
        return catalog.model(parse(name)).orElseThrow(() -> RegistryRefusals.unknownModel(name));
    }

    @ReadOnly
    public Page<RegisteredModel> search(ModelSearch search, PageRequest page) {
        return catalog.search(search, page);
    }

    @ReadOnly
    public ModelVersion version(String name, int version) {
        var model = model(name);
        return catalog.version(model.name(), version)
                .orElseThrow(() -> RegistryRefusals.unknownVersion(name, version));
    }

    @ReadOnly
    public Page<ModelVersion> versions(String name, LifecycleState state, PageRequest page) {
        return catalog.versions(model(name).name(), state, page);
    }

    /** A name that breaks the naming rule cannot be registered, so it is reported as not found. */
    static ModelName parse(String name) {
        if (name == null || !ModelName.RULE.matcher(name).matches()) {
            throw RegistryRefusals.unknownModel(name);
        }
        return new ModelName(name);
    }
}
