package org.modelops.governance.approval;

import java.time.Instant;
import java.util.List;

/**
 * A decision waiting for people with one of {@code candidateRoles}. {@code reopenedBecause} says what changed when
 * the decision was sent back to the inbox after new evidence; null on a first decision.
 */
public record ApprovalTask(String id, String name, String model, int version, String submittedBy, String ownerTeam,
        String riskTier, List<String> candidateRoles, Instant createdAt, int approvalsRequired, int approvalsSoFar,
        String lifecycleId, String reopenedBecause) {

    public boolean escalated() {
        return candidateRoles.contains("governance-admin");
    }
}
