package org.modelops.governance.lifecycle;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.modelops.governance.approval.CurrentEvidence;
import org.modelops.governance.lifecycle.model.Comparison;
import org.modelops.governance.lifecycle.model.DecisionEvidence;
import org.modelops.governance.registry.ModelCatalog;
import org.modelops.governance.registry.model.ModelName;
import org.modelops.governance.registry.model.RegistryRefusals;

/** Reads the evidence document of a version as it stands now, in the caller's transaction. */
@Singleton
public class DecisionEvidenceReader implements CurrentEvidence {

    private final ModelCatalog catalog;
    private final LifecycleStore store;

    DecisionEvidenceReader(ModelCatalog catalog, LifecycleStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    @Transactional
    public DecisionEvidence current(String model, int version) {
        var name = new ModelName(model);
        var registered = catalog.model(name).orElseThrow(() -> RegistryRefusals.unknownModel(model));
        var subject = catalog.version(name, version).orElseThrow(() -> RegistryRefusals.unknownVersion(model,
                version));
        var governance = subject.governance();
        return new DecisionEvidence(model, version, registered.riskTier().name(), registered.ownerTeam(),
                subject.evidence(), store.reports(name, version), new DecisionEvidence.PolicyRef(
                        governance.policyName(), governance.policyVersion(), governance.policySha256()),
                governance.validation(), governance.challenge(), governance.championVersion(),
                governance.comparison() == null ? null : Comparison.fromMap(governance.comparison()));
    }

    @Override
    @Transactional
    public String sha256(String model, int version) {
        return current(model, version).sha256();
    }
}
