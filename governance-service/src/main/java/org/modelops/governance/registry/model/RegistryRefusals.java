package org.modelops.governance.registry.model;

import org.modelops.governance.shared.Refusal;

/** The registry's refusals, each naming the rule and the value that broke it. */
public final class RegistryRefusals {

    private RegistryRefusals() {
    }

    public static Refusal unknownModel(String name) {
        return Refusal.notFound("model-not-found", "No model named '" + name + "' is registered.");
    }

    public static Refusal unknownVersion(String name, int version) {
        return Refusal.notFound("version-not-found", "Model '" + name + "' has no version " + version + ".");
    }

    public static Refusal duplicateModel(String name) {
        return Refusal.conflict("model-name-taken", "A model named '" + name + "' is already registered; names are"
                + " unique.");
    }

    public static Refusal idempotencyKeyReused(String key) {
        return new Refusal(Refusal.Kind.UNPROCESSABLE, "idempotency-key-reused", "Idempotency-Key '" + key
                + "' was already used for a different request; use a new key for a new submission.");
    }
}
