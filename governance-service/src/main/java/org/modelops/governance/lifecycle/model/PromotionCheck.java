package org.modelops.governance.lifecycle.model;

import java.util.Objects;
import java.util.Optional;
import org.modelops.governance.registry.model.LifecycleState;

/**
 * Whether a decision to promote still stands at the moment of promotion. It does when the version is still approved
 * or rolling out, the champion it was compared with is the one that serves, the evidence now is the evidence the
 * verdicts and approvals were given on, and enough approvals are on that evidence. Anything else sends the lifecycle
 * back to the comparison, never forward.
 */
public final class PromotionCheck {

    private PromotionCheck() {
    }

    /** Why the version may not be promoted now, or empty when it may. */
    public static Optional<String> whyNot(LifecycleState state, Integer championNow, Integer championCompared,
            String evidenceNow, String evidenceDecided, int approvalsOnEvidence, int approvalsRequired) {
        if (state != LifecycleState.APPROVED && state != LifecycleState.ROLLING_OUT) {
            return Optional.of("the version is " + state + ", not approved or rolling out");
        }
        if (!Objects.equals(championNow, championCompared)) {
            return Optional.of("it was compared with " + describe(championCompared) + " but "
                    + describe(championNow) + " serves now");
        }
        if (evidenceDecided == null || !evidenceDecided.equals(evidenceNow)) {
            return Optional.of("its evidence changed after the decision (evidence " + shortHash(evidenceNow)
                    + ", decided on " + shortHash(evidenceDecided) + ")");
        }
        if (approvalsOnEvidence < approvalsRequired) {
            return Optional.of("it holds " + approvalsOnEvidence + " of " + approvalsRequired
                    + " approvals on its current evidence");
        }
        return Optional.empty();
    }

    private static String describe(Integer champion) {
        return champion == null ? "no champion" : "champion version " + champion;
    }

    private static String shortHash(String sha256) {
        return sha256 == null ? "none" : sha256.substring(0, Math.min(12, sha256.length()));
    }
}
