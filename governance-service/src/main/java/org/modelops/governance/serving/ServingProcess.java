package org.modelops.governance.serving;

/** What the serving phase is told from outside its lifecycle. */
public interface ServingProcess {

    /**
     * A signal of the version breached: its serving phase acts on the stored breach (BPMN message
     * {@code signalBreached}). False when the version is not in its serving phase.
     */
    boolean breached(String model, int version, long breach);
}
