package org.modelops.governance.lifecycle.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelops.governance.registry.model.LifecycleState.APPROVED;
import static org.modelops.governance.registry.model.LifecycleState.PENDING_APPROVAL;
import static org.modelops.governance.registry.model.LifecycleState.ROLLED_BACK;
import static org.modelops.governance.registry.model.LifecycleState.ROLLING_OUT;

import org.junit.jupiter.api.Test;

class PromotionCheckTest {

    private static final String E1 = "1".repeat(64);
    private static final String E2 = "2".repeat(64);

    @Test
    void anApprovedVersionWhoseDecisionStillStandsIsPromoted() {
        assertThat(PromotionCheck.whyNot(APPROVED, 3, 3, E1, E1, 1, 1)).isEmpty();
        assertThat(PromotionCheck.whyNot(ROLLING_OUT, 3, 3, E1, E1, 2, 2)).isEmpty();
        assertThat(PromotionCheck.whyNot(APPROVED, null, null, E1, E1, 0, 0)).as("a first version").isEmpty();
    }

    @Test
    void aStoppedCanaryIsNeverPromoted() {
        assertThat(PromotionCheck.whyNot(ROLLED_BACK, 3, 3, E1, E1, 1, 1)).hasValue(
                "the version is ROLLED_BACK, not approved or rolling out");
        assertThat(PromotionCheck.whyNot(PENDING_APPROVAL, 3, 3, E1, E1, 1, 1)).isPresent();
    }

    @Test
    void aVersionComparedWithAnotherChampionGoesBack() {
        assertThat(PromotionCheck.whyNot(APPROVED, 4, 3, E1, E1, 1, 1)).hasValue(
                "it was compared with champion version 3 but champion version 4 serves now");
        assertThat(PromotionCheck.whyNot(APPROVED, 4, null, E1, E1, 1, 1)).hasValue(
                "it was compared with no champion but champion version 4 serves now");
        assertThat(PromotionCheck.whyNot(APPROVED, null, 3, E1, E1, 1, 1)).hasValue(
                "it was compared with champion version 3 but no champion serves now");
    }

    @Test
    void evidenceThatChangedAfterTheDecisionSendsItBack() {
        assertThat(PromotionCheck.whyNot(APPROVED, 3, 3, E2, E1, 1, 1)).hasValue(
                "its evidence changed after the decision (evidence 222222222222, decided on 111111111111)");
        assertThat(PromotionCheck.whyNot(APPROVED, 3, 3, E2, null, 1, 1)).isPresent();
    }

    @Test
    void tooFewApprovalsOnTheCurrentEvidenceSendItBack() {
        assertThat(PromotionCheck.whyNot(APPROVED, 3, 3, E1, E1, 1, 2)).hasValue(
                "it holds 1 of 2 approvals on its current evidence");
    }
}
