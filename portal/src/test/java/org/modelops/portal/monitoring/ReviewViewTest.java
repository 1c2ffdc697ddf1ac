package org.modelops.portal.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelops.portal.decision.InboxView;
import org.modelops.portal.governance.DecisionTask;
import org.modelops.portal.testing.FakeEventSubscriptionsApi;
import org.modelops.portal.testing.FakeGovernanceApi;
import org.modelops.portal.testing.FakeMonitoringApi;
import org.modelops.portal.testing.Grids;
import org.modelops.portal.testing.Persona;
import org.modelops.portal.testing.PortalUi;
import org.modelops.portal.testing.Tasks;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.RouterLink;

/** A monitoring review in the inbox, its own kind, and its decision over the outcomes the task offers. */
class ReviewViewTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");
    private static final String EVIDENCE = "9".repeat(64);

    private final FakeGovernanceApi governance = new FakeGovernanceApi();
    private final FakeMonitoringApi monitoring = new FakeMonitoringApi();
    private PortalUi portal;

    static DecisionTask review(String id) {
        return new DecisionTask(id, "Review monitoring breach", "credit-score", 2, "HIGH", MONDAY.plusSeconds(120),
                List.of("domain-expert"), false, 1, 0, null, null, null, Map.of(), null, null, null, EVIDENCE, null,
                DecisionTask.MONITORING_REVIEW, new DecisionTask.MonitoringReview("drift", "BREACH",
                        "income breached in 2 of the last 3 windows (the rule is 2 of 3)",
                        Map.of("column", "income", "psi", 0.31), List.of("KEEP_SERVING", "ROLL_BACK",
                                "REQUEST_RETRAINING")));
    }

    @BeforeEach
    void anApprovalAndAReviewWait() {
        governance.tasks.add(Tasks.task("t1", "churn", 1, "LOW", false, MONDAY));
        governance.tasks.add(review("t9"));
    }

    @AfterEach
    void close() {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void theInboxSaysEachTasksKindAndWhatAReviewIsAbout() {
        open();
        portal.ui().navigate(InboxView.class);

        @SuppressWarnings("unchecked")
        Grid<DecisionTask> inbox = portal.ui().find(Grid.class).id("inbox");
        var rows = portal.ui().test(inbox);
        assertThat(rows.getCellText(0, Grids.column(inbox, "Kind"))).isEqualTo("approval");
        assertThat(rows.getCellText(1, Grids.column(inbox, "Kind"))).isEqualTo("monitoring review");
        assertThat(rows.getCellText(1, Grids.column(inbox, "Change"))).isEqualTo("Drift breach");
        assertThat(rows.getCellText(1, Grids.column(inbox, "Approvals"))).isEmpty();
        assertThat(rows.getCellText(0, Grids.column(inbox, "Change"))).isEqualTo("first champion");
        var link = (RouterLink) rows.getCellComponent(1, Grids.column(inbox, "Decision"));
        assertThat(portal.ui().test(link).getPath()).isEqualTo("review/t9");
        var approval = (RouterLink) rows.getCellComponent(0, Grids.column(inbox, "Decision"));
        assertThat(portal.ui().test(approval).getPath()).isEqualTo("decision/t1");
    }

    @Test
    void theReviewShowsTheBreachItsEvidenceAndTheOfferedOutcomes() {
        openReview("t9");

        assertThat(portal.ui().find(H2.class).id("review-title").getText())
                .isEqualTo("Review credit-score v2: drift breach");
        assertThat(portal.ui().find(Paragraph.class).id("review-explanation").getText())
                .isEqualTo("income breached in 2 of the last 3 windows (the rule is 2 of 3)");
        assertThat(portal.ui().find(UnorderedList.class).id("review-evidence").getElement().getTextRecursively())
                .contains("column: income").contains("psi: 0.31");
        assertThat(outcomes().getListDataView().getItems()).containsExactly("KEEP_SERVING", "ROLL_BACK",
                "REQUEST_RETRAINING");
        assertThat(outcomes().getItemLabelGenerator().apply("REQUEST_RETRAINING")).isEqualTo("Request retraining");
    }

    @Test
    void aDecisionNeedsAnOutcomeAndAReasonAndIsBoundToTheEvidence() {
        openReview("t9");

        submit();
        assertThat(outcomes().isInvalid()).isTrue();
        portal.ui().test(outcomes()).selectItem("Keep serving");
        submit();
        assertThat(comment().isInvalid()).isTrue();
        assertThat(monitoring.calls("decideReview")).isEmpty();

        portal.ui().test(comment()).setValue(" seasonal shift in incomes, expected each March ");
        submit();

        assertThat(monitoring.calls("decideReview")).singleElement().satisfies(call -> assertThat(call.arguments())
                .containsExactly("t9", "KEEP_SERVING", "seasonal shift in incomes, expected each March", EVIDENCE));
        assertThat(portal.ui().find(Div.class).id("review-result").getText())
                .isEqualTo("You decided “Keep serving” for credit-score v2. Recorded in the audit trail.");
        assertThat(portal.ui().find(Button.class).id("review-submit").isEnabled()).isFalse();
    }

    @Test
    void somebodyElseDecidingFirstLocksTheForm() {
        monitoring.failing("decideReview", FakeGovernanceApi.refusal(409, "task-already-decided"));
        openReview("t9");

        portal.ui().test(outcomes()).selectItem("Roll back");
        portal.ui().test(comment()).setValue("recall fell");
        submit();

        assertThat(portal.ui().find(Div.class).id("review-result").getText()).startsWith("Somebody else decided");
        assertThat(portal.ui().find(Button.class).id("review-submit").isEnabled()).isFalse();
    }

    @Test
    void aReviewOpenedAsADecisionIsShownAsTheReview() {
        open();
        portal.ui().navigate("decision/t9", ReviewView.class);

        assertThat(portal.ui().getCurrentView()).isInstanceOf(ReviewView.class);
        assertThat(portal.ui().find(H2.class).id("review-title").getText())
                .isEqualTo("Review credit-score v2: drift breach");
    }

    @Test
    void aTaskNoLongerWaitingSaysSo() {
        openReview("gone");

        assertThat(portal.ui().find(H2.class).first().getText()).isEqualTo("This review is no longer waiting for you");
    }

    @Test
    void anApprovalIsNotOpenedAsAReview() {
        openReview("t1");

        assertThat(portal.ui().find(H2.class).first().getText()).isEqualTo("This review is no longer waiting for you");
    }

    @Test
    void theKindIsReadInEitherSpellingAndDefaultsToApproval() {
        var task = Tasks.task("t1", "churn", 1, "LOW", false, MONDAY);
        assertThat(task.monitoringReview()).isFalse();
        assertThat(task.kindInWords()).isEqualTo("approval");
        var upper = new DecisionTask("t2", null, "m", 1, "LOW", MONDAY, null, false, 1, 0, null, null, null, null,
                null, null, null, null, null, "MONITORING_REVIEW", null);
        assertThat(upper.monitoringReview()).isTrue();
    }

    private void open() {
        portal = PortalUi.as(Persona.dana(), governance, monitoring, new FakeEventSubscriptionsApi());
    }

    private void openReview(String id) {
        open();
        portal.ui().navigate(ReviewView.class, id);
    }

    private void submit() {
        portal.ui().test(portal.ui().find(Button.class).id("review-submit")).click();
    }

    @SuppressWarnings("unchecked")
    private RadioButtonGroup<String> outcomes() {
        return portal.ui().find(RadioButtonGroup.class).id("review-outcome");
    }

    private TextArea comment() {
        return portal.ui().find(TextArea.class).id("review-comment");
    }
}
