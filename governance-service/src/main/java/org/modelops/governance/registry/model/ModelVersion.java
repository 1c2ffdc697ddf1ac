package org.modelops.governance.registry.model;

import java.time.Instant;

/** One submitted version of a model, its evidence and where its lifecycle stands. */
public record ModelVersion(ModelName model, int version, LifecycleState state, VersionEvidence evidence,
        String submittedBy, Instant submittedAt, String lifecycleId, VersionGovernance governance) {

    public ModelVersion {
        governance = governance == null ? VersionGovernance.NONE : governance;
    }
}
