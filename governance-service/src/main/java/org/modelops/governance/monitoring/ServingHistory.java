package org.modelops.governance.monitoring;

import org.modelops.governance.monitoring.model.ServingPeriod;

/** When a version served, as its lifecycle recorded it; joins the caller's transaction. */
public interface ServingHistory {

    /**
     * When the version (its database id) last stopped serving (superseded, rolled back, its rollout stopped) and when
     * it served again since; {@link ServingPeriod#SERVING} when it never stopped.
     */
    ServingPeriod servingPeriod(long versionId);
}
