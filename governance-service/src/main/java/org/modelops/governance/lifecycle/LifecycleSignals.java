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

    /** The BPMN message that ends a version's serving phase. */
    String SERVING_ENDED = "servingEnded";

    /**
     * The version stopped serving (a new champion superseded it, it was rolled back or retired): its serving phase
     * ends, with its open review tasks and re-certification timer. False when it was not in its serving phase.
     */
    boolean servingEnded(String model, int version, String reason);

    /**
     * The version serves again (a rollback brought it back): a lifecycle instance starts straight in its serving
     * phase, under the policy the version was decided under. Returns that instance's id.
     */
    String servingResumed(String model, int version);
}
