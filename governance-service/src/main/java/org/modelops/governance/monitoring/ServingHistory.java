package org.modelops.governance.monitoring;

import java.time.Instant;
import java.util.Optional;

/** When a version stopped serving, as its lifecycle recorded it; joins the caller's transaction. */
public interface ServingHistory {

    /**
     * When the version (its database id) stopped serving: it was superseded, rolled back or its rollout stopped, and
     * it has not served again since. Empty while it serves, and for a version that never served.
     */
    Optional<Instant> servingEndedAt(long versionId);
}
