package org.modelops.governance.monitoring;

import java.time.Instant;
import java.util.Optional;

/** The window-count batches already counted, by their collector's id; every method joins the caller's transaction. */
public interface WindowCountBatches {

    /**
     * Records the batch if its id is new for the version and returns empty; otherwise (also when it was recorded
     * concurrently, which this waits for) returns the body digest recorded with it, and records nothing.
     */
    Optional<String> record(long versionId, String batchId, String bodySha256, int windows, long records,
            Instant receivedAt);
}
