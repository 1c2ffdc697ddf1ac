package org.modelops.governance.registry.model;

import org.modelops.governance.policy.model.PolicyVerdict;

/**
 * Why a version stands where it does: the policy version its lifecycle pinned, the verdicts of its automatic stages,
 * the champion it was compared with (or superseded), and the reason for its current state. Fields are null until
 * the lifecycle gets there.
 */
public record VersionGovernance(String policyName, Integer policyVersion, String policySha256,
        PolicyVerdict validation, PolicyVerdict challenge, Integer championVersion, String stateReason) {

    public static final VersionGovernance NONE = new VersionGovernance(null, null, null, null, null, null, null);
}
