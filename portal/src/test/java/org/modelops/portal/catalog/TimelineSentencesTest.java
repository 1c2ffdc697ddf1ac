package org.modelops.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.modelops.portal.governance.TimelineEntry;

class TimelineSentencesTest {

    private static String said(String action, Map<String, Object> details) {
        return ModelView.describe(new TimelineEntry(1, Instant.EPOCH, action, "system", List.of(), details));
    }

    @Test
    void aReopenedLifecycleSaysWhatChangedAndWhoseApprovalsNoLongerCount() {
        assertThat(said("lifecycle.reopened", Map.of("change", "version 3 became champion", "from",
                "PENDING_APPROVAL", "evidenceSha256", "a".repeat(64), "staleApprovals", List.of("dana", "dave"))))
                .isEqualTo(": back to validation from pending approval because version 3 became champion; the"
                        + " approvals of dana, dave no longer count");
        assertThat(said("lifecycle.reopened", Map.of("change", "an evaluation report on s3://eval arrived for"
                + " version 1", "from", "VALIDATING", "staleApprovals", List.of())))
                .isEqualTo(": back to validation from validating because an evaluation report on s3://eval arrived"
                        + " for version 1");
    }

    @Test
    void aStoppedRolloutSaysWhichVersionWhyAndWhatServesNow() {
        var details = new LinkedHashMap<String, Object>();
        details.put("version", 3);
        details.put("champion", null);
        details.put("reason", "latency");
        details.put("serving", "nothing serves: the model has no champion");

        assertThat(said("rollout.stopped", details))
                .isEqualTo(": the rollout of v3 was stopped (latency); nothing serves: the model has no champion");
    }

    @Test
    void aRefusedPromotionSaysWhy() {
        assertThat(said("promotion.refused", Map.of("reason", "the champion it was compared with no longer serves",
                "champion", 4, "championCompared", 2)))
                .isEqualTo(": not promoted, the champion it was compared with no longer serves; back to validation");
    }

    @Test
    void anIncidentSaysWhereTheFlowStopped() {
        assertThat(said("lifecycle.incident", Map.of("where", "approval outcome", "outcome", "MAYBE", "state",
                "PENDING_APPROVAL", "reason", "stopped")))
                .isEqualTo(": stopped for a person to look at, at 'approval outcome' on the unknown outcome 'MAYBE';"
                        + " nothing was promoted");
    }

    @Test
    void aReclassificationSaysTierAndTeamBeforeAndAfter() {
        assertThat(said("model.reclassified", Map.of("from", Map.of("riskTier", "LOW", "ownerTeam", "risk"), "to",
                Map.of("riskTier", "HIGH", "ownerTeam", "payments"), "reason", "now scores payments")))
                .isEqualTo(": risk tier LOW → HIGH, owner team risk → payments (now scores payments)");
    }

    @Test
    void theEventsKnownBeforeReadAsTheyDid() {
        assertThat(said("version.state-changed", Map.of("from", "CHAMPION", "to", "ROLLED_BACK", "reason", "drift")))
                .isEqualTo(": CHAMPION → ROLLED_BACK (drift)");
        assertThat(said("rollout.step", Map.of("step", 0, "share", 0, "note", "the canary stopped serving")))
                .isEqualTo(": 0% of traffic (the canary stopped serving)");
        assertThat(said("approval.decided", Map.of("decision", "APPROVE", "comment", "fine")))
                .isEqualTo(": APPROVE — “fine”");
    }
}
