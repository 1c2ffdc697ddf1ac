package org.modelops.governance.registry.model;

import java.util.Map;
import org.modelops.governance.policy.model.PolicyVerdict;

/**
 * Why a version stands where it does: the policy version its lifecycle pinned, the verdicts of its automatic stages,
 * the champion it was compared with (or superseded), and the reason for its current state. Fields are null until
 * the lifecycle gets there. {@code evidenceSha256} is the hash of the evidence document the verdicts were reached on
 * (approvals are bound to it); {@code comparison} the champion-challenger numbers on the dataset compared.
 */
public record VersionGovernance(String policyName, Integer policyVersion, String policySha256,
        PolicyVerdict validation, PolicyVerdict challenge, Integer championVersion, String stateReason,
        String evidenceSha256, Map<String, Object> comparison) {

    public static final VersionGovernance NONE = new VersionGovernance(null, null, null, null, null, null, null, null,
            null);
}
