package org.modelops.governance.registry.model;

import java.util.List;
import org.modelops.governance.shared.FieldViolation;
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

    public static Refusal notATeamMember(String team, List<String> teams) {
        return new Refusal(Refusal.Kind.FORBIDDEN, "not-a-team-member", "A model is registered for a team its"
                + " registrant belongs to; '" + team + "' is not one of your teams " + teams
                + " (groups in the identity"
                + " provider; a service account's teams are set on its client).");
    }

    public static Refusal unknownTeam(String team, List<String> known) {
        return new Refusal(Refusal.Kind.UNPROCESSABLE, "unknown-team", "No team named '" + team + "' is known; known"
                + " teams are " + known + ".");
    }

    public static Refusal notAGovernanceAdmin(String role) {
        return new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", "Only a " + role + " reclassifies a model.");
    }

    public static Refusal nothingToReclassify() {
        return Refusal.invalid(List.of(new FieldViolation("", "required", "name a new riskTier, a new ownerTeam or"
                + " both")));
    }

    public static Refusal reasonRequired() {
        return Refusal.invalid(List.of(new FieldViolation("reason", "required", "a reclassification needs a reason"
                + " for the record")));
    }

    public static Refusal idempotencyKeyReused(String key) {
        return new Refusal(Refusal.Kind.UNPROCESSABLE, "idempotency-key-reused", "Idempotency-Key '" + key
                + "' was already used for a different request; use a new key for a new submission.");
    }
}
