package org.modelops.governance.events.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelops.audit.AuditActor;
import org.modelops.audit.AuditEvent;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.audit.AuditActions;

class EventTypesTest {

    @Test
    void aGovernedChangeIsPublishedAsOrgModelopsAndItsAction() {
        assertThat(EventTypes.typeOf(AuditActions.VERSION_SUBMITTED)).contains("org.modelops.version.submitted");
        assertThat(EventTypes.typeOf(AuditActions.MODEL_ROLLED_BACK)).contains("org.modelops.model.rolled-back");
        assertThat(EventTypes.typeOf(AuditActions.VERDICT_PREFIX + "validation"))
                .contains("org.modelops.verdict.validation");
        assertThat(EventTypes.typeOf(AuditActions.MONITORING_VERDICT_CHANGED))
                .contains("org.modelops.monitoring.verdict-changed");
    }

    @Test
    void anActionAddedLaterIsPublishedWithoutAChange() {
        assertThat(EventTypes.typeOf("monitoring.alert-raised")).contains("org.modelops.monitoring.alert-raised");
        assertThat(EventTypes.typeOf("monitoring.retraining-requested"))
                .contains("org.modelops.monitoring.retraining-requested");
    }

    @Test
    void refusedAttemptsReadsAndTheSubscriptionsThemselvesAreNotPublished() {
        for (var action : List.of(AuditActions.ACCESS_DENIED, AuditActions.ACCESS_THROTTLED,
                AuditActions.APPROVAL_REFUSED, AuditActions.MODEL_REGISTRATION_REFUSED,
                AuditActions.MLFLOW_ALIAS_REFUSED, AuditActions.AUDIT_EXPORTED, AuditActions.AUDIT_VERIFIED,
                AuditActions.EVIDENCE_EXPORTED, AuditActions.EVENT_SUBSCRIPTION_CREATED,
                AuditActions.EVENT_DELIVERIES_REPLAYED)) {
            assertThat(EventTypes.typeOf(action)).as(action).isEmpty();
        }
    }

    @Test
    void aVersionsEventIsAboutItsModelAndVersionAndOrderedByTheModel() {
        var subject = EventSubject.of(AuditSubject.modelVersion("credit-risk", 7));

        assertThat(subject).isEqualTo(new EventSubject("credit-risk", 7, "models/credit-risk/versions/7",
                "credit-risk"));
        assertThat(EventSubject.of(AuditSubject.model("credit-risk")))
                .isEqualTo(new EventSubject("credit-risk", null, "models/credit-risk", "credit-risk"));
    }

    @Test
    void aSubjectItDoesNotRecogniseIsPassedOnAsItIs() {
        assertThat(EventSubject.of(new AuditSubject("model-version", "no-number")))
                .isEqualTo(new EventSubject(null, null, "model-version/no-number", "model-version:no-number"));
        assertThat(EventSubject.of(new AuditSubject("endpoint", "GET /x")).model()).isNull();
    }

    @Test
    void aPolicysEventIsAboutNoModelAndOrderedByThePolicy() {
        assertThat(EventSubject.of(new AuditSubject("policy", "default")))
                .isEqualTo(new EventSubject(null, null, "policies/default", "policy:default"));
    }

    @Test
    void theOutboxEntryOfAPublishedEventCarriesItsSequenceTypeAndModel() {
        var at = Instant.parse("2026-12-01T10:00:00Z");
        var event = new AuditEvent(42, at, new AuditActor("s", "erin", List.of()), AuditActions.VERSION_SUBMITTED,
                AuditSubject.modelVersion("churn", 3), Map.of(), null, "0".repeat(64), "1".repeat(64));

        assertThat(OutboxEntry.of(event)).contains(new OutboxEntry(42, "org.modelops.version.submitted", "churn", 3,
                "churn", at));
        assertThat(OutboxEntry.of(new AuditEvent(43, at, new AuditActor("s", "erin", List.of()),
                AuditActions.ACCESS_DENIED, new AuditSubject("endpoint", "GET /x"), Map.of(), null, "1".repeat(64),
                "2".repeat(64)))).isEmpty();
    }
}
