package org.modelops.governance.lifecycle;

/** What the API tells a running lifecycle. */
public interface LifecycleSignals {

    /** An evaluation report arrived; a lifecycle waiting for one compares again. True if one was waiting. */
    boolean evaluationReceived(String lifecycleId);

    /** Ends a lifecycle that is still running (the version was retired). */
    void cancel(String lifecycleId, String reason);
}
