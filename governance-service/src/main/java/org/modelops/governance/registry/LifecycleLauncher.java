package org.modelops.governance.registry;

import org.modelops.governance.registry.model.ModelVersion;
import org.modelops.governance.registry.model.RegisteredModel;

/** Starts the governed lifecycle of a freshly submitted version (the BPMN process), in the caller's transaction. */
public interface LifecycleLauncher {

    /**
     * Starts it under the policy that governs the model now and records both on the version (its lifecycle id and
     * pinned policy, in one statement); returns the lifecycle's id (the process instance).
     */
    String launch(RegisteredModel model, ModelVersion version);
}
