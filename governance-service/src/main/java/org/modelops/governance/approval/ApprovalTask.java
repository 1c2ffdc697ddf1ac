package org.modelops.governance.approval;

import java.time.Instant;
import java.util.List;

/** A decision waiting for people with one of {@code candidateRoles}. */
public record ApprovalTask(String id, String name, String model, int version, String submittedBy, String ownerTeam,
        String riskTier, List<String> candidateRoles, Instant createdAt, int approvalsRequired, int approvalsSoFar,
        String lifecycleId) {

    public boolean escalated() {
        return candidateRoles.contains("governance-admin");
    }
}
