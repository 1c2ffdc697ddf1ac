package org.modelops.governance.lifecycle;

/** What the service tells a running lifecycle. */
public interface LifecycleSignals {

    /** The BPMN message a lifecycle catches wherever it waits for people, evidence or a rollout slot. */
    String EVIDENCE_CHANGED = "evidenceChanged";

    /**
     * What a decision rests on changed (an evaluation report, the champion, the classification, a freed rollout
     * slot): a lifecycle waiting for a decision, for evidence or for its turn to roll out goes back to validation,
     * with {@code change} saying why. False when the lifecycle was not waiting (it is running a step, which reads the
     * current state anyway, or it has ended).
     */
    boolean evidenceChanged(String lifecycleId, String change);

    /** Ends a lifecycle that is still running (the version was retired, or its rollout stopped). */
    void cancel(String lifecycleId, String reason);
}
