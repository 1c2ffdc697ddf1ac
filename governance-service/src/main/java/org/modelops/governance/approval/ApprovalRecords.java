package org.modelops.governance.approval;

import java.time.Instant;
import java.util.List;

/**
 * Decisions taken, one per person per version and evidence, and one per task, enforced by the database. Each is bound
 * to the hash of the evidence document it was taken on.
 */
public interface ApprovalRecords {

    record Decision(String taskId, String decidedBy, String decidedByName, String decision, String comment,
            Instant decidedAt, String evidenceSha256) {
    }

    /**
     * Locks the model's row, then the version's, until the transaction ends: decisions, promotions and rollbacks of
     * one model take turns, always in that order.
     */
    void lockForDecision(String model, int version);

    /** False when the person already decided on this version's evidence, or the task was already decided. */
    boolean add(String model, int version, Decision decision);

    boolean decided(String taskId);

    /** Whether this person decided on the version's current evidence (the hash its verdicts were reached on). */
    boolean decidedOnCurrentEvidence(String model, int version, String subject);

    /** Approvals given on exactly this evidence. */
    int approvalsOn(String model, int version, String evidenceSha256);

    List<Decision> decisions(String model, int version);
}
