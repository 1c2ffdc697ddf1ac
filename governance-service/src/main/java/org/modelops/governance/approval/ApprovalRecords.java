package org.modelops.governance.approval;

import java.time.Instant;
import java.util.List;

/** Decisions taken, one per person per version and one per task, enforced by the database. */
public interface ApprovalRecords {

    record Decision(String taskId, String decidedBy, String decidedByName, String decision, String comment,
            Instant decidedAt) {
    }

    /** Locks the version's row until the transaction ends: decisions on one version take turns. */
    void lockVersion(String model, int version);

    /** False when the person already decided on this version, or the task was already decided. */
    boolean add(String model, int version, Decision decision);

    boolean decided(String taskId);

    List<Decision> decisions(String model, int version);
}
