package org.modelops.governance.lifecycle;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Map;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.registry.ModelCatalog;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.registry.model.ModelName;
import org.modelops.governance.registry.model.RegistryRefusals;
import org.modelops.governance.security.Actor;

/** The work behind lifecycle steps; always inside the transaction of the workflow step that asks for it. */
@Singleton
public class VersionLifecycle {

    private final ModelCatalog catalog;
    private final AuditLog audit;

    VersionLifecycle(ModelCatalog catalog, AuditLog audit) {
        this.catalog = catalog;
        this.audit = audit;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void enterState(String model, int version, LifecycleState state, String lifecycleId) {
        var name = new ModelName(model);
        var current = catalog.version(name, version)
                .orElseThrow(() -> RegistryRefusals.unknownVersion(model, version));
        catalog.changeState(name, version, state);
        audit.record(Actor.SYSTEM, "version.state-changed", AuditSubject.modelVersion(model, version),
                Map.of("from", current.state().name(), "to", state.name()), lifecycleId);
    }
}
