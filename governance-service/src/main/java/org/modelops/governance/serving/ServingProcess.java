package org.modelops.governance.serving;

/** What the serving phase is told from outside its lifecycle. */
public interface ServingProcess {

    /**
     * A signal of the version breached: its serving phase, or its canary's rollout, acts on the stored breach (BPMN
     * message {@code signalBreached}). False when the version neither serves nor rolls out.
     */
    boolean breached(String model, int version, long breach);
}
