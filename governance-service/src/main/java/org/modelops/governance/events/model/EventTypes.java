package org.modelops.governance.events.model;

import java.util.Optional;
import java.util.Set;
import org.modelops.governance.audit.AuditActions;

/**
 * The one place that decides which audit actions become events and as which CloudEvents type: {@code org.modelops.}
 * followed by the action ({@code version.submitted} is {@code org.modelops.version.submitted}). Every action is
 * published unless named here, so actions added later flow without a change.
 */
public final class EventTypes {

    public static final String PREFIX = "org.modelops.";

    /**
     * Not published: refused attempts (noise a caller can produce at will), reads of the trail (exports,
     * verifications), and the event machinery's own changes (subscriptions, replays), whose details name other
     * systems' endpoints.
     */
    static final Set<String> UNPUBLISHED = Set.of(AuditActions.ACCESS_DENIED, AuditActions.ACCESS_THROTTLED,
            AuditActions.AUDIT_EXPORTED, AuditActions.AUDIT_VERIFIED, AuditActions.EVIDENCE_EXPORTED,
            AuditActions.MODEL_REGISTRATION_REFUSED, AuditActions.MODEL_RECLASSIFICATION_REFUSED,
            AuditActions.APPROVAL_REFUSED, AuditActions.MLFLOW_ALIAS_REFUSED);

    /** Every action of the subscriptions themselves starts with this. */
    static final String SUBSCRIPTION_ACTIONS = "event-subscription.";

    private EventTypes() {
    }

    public static boolean published(String action) {
        return !UNPUBLISHED.contains(action) && !action.startsWith(SUBSCRIPTION_ACTIONS);
    }

    public static Optional<String> typeOf(String action) {
        return published(action) ? Optional.of(PREFIX + action) : Optional.empty();
    }
}
