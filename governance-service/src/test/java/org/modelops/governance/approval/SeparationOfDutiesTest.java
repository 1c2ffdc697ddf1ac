package org.modelops.governance.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelops.governance.security.Actor;

/** Who may not decide on a version, as a plain rule: the submitter and the members of the owner team. */
class SeparationOfDutiesTest {

    private static final ApprovalTask TASK = new ApprovalTask("t1", "Approve promotion", "credit-risk", 7, "erin",
            "risk-analytics", "HIGH", List.of("domain-expert"), Instant.EPOCH, 2, 0, "p1", null);

    @Test
    void theSubmitterCannotApproveTheirOwnVersion() {
        var erin = new Actor("s-erin", "erin", List.of("domain-expert"), List.of());
        assertThat(ApprovalDecisions.conflict(erin, TASK))
                .isEqualTo("You submitted credit-risk version 7; the submitter cannot approve their own version.");
    }

    @Test
    void aMemberOfTheOwnerTeamCannotApproveItsVersions() {
        var olga = new Actor("s-olga", "olga", List.of("domain-expert"), List.of("payments-security",
                "risk-analytics"));
        assertThat(ApprovalDecisions.conflict(olga, TASK)).isEqualTo(
                "You are in risk-analytics, the team that owns credit-risk; its members cannot approve its versions.");
    }

    @Test
    void anIndependentExpertMayDecide() {
        var dana = new Actor("s-dana", "dana", List.of("domain-expert"), List.of("payments-security"));
        assertThat(ApprovalDecisions.conflict(dana, TASK)).isNull();
    }

    @Test
    void anEscalatedTaskIsOfferedToGovernanceAdmins() {
        assertThat(TASK.escalated()).isFalse();
        var escalated = new ApprovalTask("t1", "Approve promotion", "credit-risk", 7, "erin", "risk-analytics",
                "HIGH", List.of("domain-expert", "governance-admin"), Instant.EPOCH, 2, 0, "p1", null);
        assertThat(escalated.escalated()).isTrue();
    }
}
