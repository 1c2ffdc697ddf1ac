package org.modelops.governance.mlflow.model;

import java.util.ArrayList;
import java.util.Set;
import org.modelops.governance.policy.model.PolicyVerdict;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.registry.model.ModelVersion;

/**
 * A version's MLflow {@code status}: PENDING_REGISTRATION while its governed lifecycle validates it (the MLflow client
 * waits), READY once validation passed, FAILED_REGISTRATION when it was rejected, with the reasons in
 * {@code status_message} and, for missing evidence, the tag that would provide it.
 */
public record RegistrationStatus(String status, String message) {

    public static final String PENDING = "PENDING_REGISTRATION";
    public static final String READY = "READY";
    public static final String FAILED = "FAILED_REGISTRATION";

    private static final Set<LifecycleState> VALIDATING = Set.of(LifecycleState.REGISTERED,
            LifecycleState.VALIDATING);

    public static RegistrationStatus of(ModelVersion version) {
        var governance = version.governance();
        var policy = governance.policyName() == null
                ? "its policy"
                : "policy " + governance.policyName() + " v"
                        + governance.policyVersion();
        if (VALIDATING.contains(version.state())) {
            return new RegistrationStatus(PENDING, "Governed lifecycle: " + version.state() + ", validating the"
                    + " evidence against " + policy + ".");
        }
        if (version.state() == LifecycleState.REJECTED) {
            var reasons = new ArrayList<String>();
            addFailures(reasons, governance.validation());
            addFailures(reasons, governance.challenge());
            var message = new StringBuilder("Rejected by the governed lifecycle under ").append(policy);
            if (governance.stateReason() != null) {
                message.append(": ").append(governance.stateReason());
            }
            if (!reasons.isEmpty()) {
                message.append(". Failed rules: ").append(String.join("; ", reasons));
            }
            message.append(". Fix the evidence and create a new version.");
            return new RegistrationStatus(FAILED, message.toString());
        }
        var message = "Governed lifecycle: " + version.state()
                + (governance.stateReason() == null ? "" : " (" + governance.stateReason() + ")") + ".";
        return new RegistrationStatus(READY, message);
    }

    private static void addFailures(ArrayList<String> reasons, PolicyVerdict verdict) {
        if (verdict == null) {
            return;
        }
        for (var rule : verdict.failures()) {
            var hint = EvidenceTags.hint(rule.rule());
            reasons.add(rule.rule() + ": " + rule.message() + (hint == null ? "" : " (" + hint + ")"));
        }
    }
}
