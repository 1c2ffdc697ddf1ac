package org.modelops.governance.policy;

import io.micronaut.serde.annotation.SerdeImport;
import org.modelops.governance.policy.model.PolicyVerdict;
import org.modelops.governance.policy.model.RuleResult;

/** Verdicts are shown as they are; the domain stays free of framework annotations. */
@SerdeImport(PolicyVerdict.class)
@SerdeImport(RuleResult.class)
final class PolicySerdeImports {

    private PolicySerdeImports() {
    }
}
