package org.modelops.portal.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelops.portal.testing.FakeGovernanceApi.refusal;
import static org.modelops.portal.testing.Tasks.compared;
import static org.modelops.portal.testing.Tasks.evidence;
import static org.modelops.portal.testing.Tasks.redecided;
import static org.modelops.portal.testing.Tasks.reopened;
import static org.modelops.portal.testing.Tasks.task;
import static org.modelops.portal.testing.Tasks.withEvidence;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelops.portal.governance.GovernanceApi.Decision;
import org.modelops.portal.governance.ServiceRefusal;
import org.modelops.portal.shell.Digest;
import org.modelops.portal.testing.FakeGovernanceApi;
import org.modelops.portal.testing.FakeGovernanceApi.Decided;
import org.modelops.portal.testing.Grids;
import org.modelops.portal.testing.Persona;
import org.modelops.portal.testing.PortalUi;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextArea;

class DecisionViewTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

    private final FakeGovernanceApi governance = new FakeGovernanceApi();
    private PortalUi portal;

    @BeforeEach
    void twoTasksWait() {
        governance.tasks.add(task("t-high", "credit-score", 4, "HIGH", false, MONDAY));
        governance.tasks.add(task("t-low", "churn", 2, "LOW", false, MONDAY));
    }

    @AfterEach
    void close() {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void showsTheTaskItWasOpenedFor() {
        open("t-low");

        assertThat(portal.ui().find(H2.class).id("decision-title").getText()).isEqualTo("Promote churn v2?");
    }

    @Test
    void approveWithoutACommentShowsAnErrorAndCallsNothing() {
        open("t-high");
        var callsBefore = governance.calls();

        click("approve");

        assertThat(governance.calls()).isEqualTo(callsBefore);
        assertThat(comment().isInvalid()).isTrue();
        assertThat(comment().getErrorMessage()).startsWith("Say why you approve");
        assertThat(outcome()).isEmpty();
        assertThat(portal.ui().test(button("approve")).isUsable()).isTrue();
    }

    @Test
    void approveWithACommentDecidesTheTaskAndSaysHowManyApprovalsRemain() {
        open("t-high");

        portal.ui().test(comment()).setValue("AUC up, no slice worse");
        click("approve");

        assertThat(governance.decisions())
                .containsExactly(new Decided("t-high", Decision.APPROVE, "AUC up, no slice worse", evidence("t-high")));
        assertThat(outcome()).isEqualTo("You approved credit-score v4. Your decision is recorded in the audit trail."
                + " It still needs 1 more approval from another person.");
        assertFormLocked();
    }

    @Test
    void rejectWithACommentDecidesTheTaskAsRejected() {
        open("t-low");

        portal.ui().test(comment()).setValue("recall dropped on the eu slice");
        click("reject");

        assertThat(governance.decisions())
                .containsExactly(
                        new Decided("t-low", Decision.REJECT, "recall dropped on the eu slice", evidence("t-low")));
        assertThat(outcome())
                .isEqualTo("You rejected churn v2. Your decision is recorded in the audit trail.");
        assertFormLocked();
    }

    @Test
    void rejectWithoutACommentCallsNothing() {
        open("t-low");
        var callsBefore = governance.calls();

        click("reject");

        assertThat(governance.calls()).isEqualTo(callsBefore);
        assertThat(comment().getErrorMessage()).startsWith("Say why you reject");
    }

    @Test
    void somebodyElseDecidingFirstIsExplainedPlainlyAndLocksTheForm() {
        var alreadyDecided = refusal(409, "task-already-decided");
        governance.failing("decide", alreadyDecided);
        open("t-high");

        portal.ui().test(comment()).setValue("fine by me");
        click("approve");

        assertThat(governance.decisions()).hasSize(1);
        assertThat(outcome()).isEqualTo(alreadyDecided.plainMessage())
                .startsWith("Somebody else decided this first");
        assertThat(lastNotification()).isEqualTo(alreadyDecided.plainMessage());
        assertFormLocked();
    }

    @Test
    void aRefusalThatCanBeCorrectedIsExplainedButLeavesTheFormOpen() {
        var ownTeam = refusal(403, "separation-of-duties");
        governance.failing("decide", ownTeam);
        open("t-high");

        portal.ui().test(comment()).setValue("fine by me");
        click("approve");

        assertThat(outcome()).isEqualTo(ownTeam.plainMessage());
        assertThat(portal.ui().test(button("approve")).isUsable()).isTrue();
        assertThat(portal.ui().test(button("reject")).isUsable()).isTrue();
        assertThat(comment().isReadOnly()).isFalse();
    }

    @Test
    void aFailureNobodyForesawIsSaidInASentenceNotAStackTrace() {
        governance.failing("decide", new IllegalStateException("Cannot deserialize value of type `int` from null"));
        open("t-high");

        portal.ui().test(comment()).setValue("fine by me");
        click("approve");

        assertThat(outcome()).startsWith("Something went wrong in the portal.").doesNotContain("deserialize");
        assertThat(portal.ui().test(button("approve")).isUsable()).isTrue();
    }

    @Test
    void aTaskNoLongerInTheInboxSaysSoAndOffersNoButtons() {
        open("t-gone");

        assertThat(portal.ui().find(H2.class).withText("This decision is no longer waiting for you").exists())
                .isTrue();
        assertThat(portal.ui().find(Button.class).withId("approve").exists()).isFalse();
    }

    @Test
    void theEvidenceTheDecisionIsBoundToIsShownShortWithTheFullHashAtHand() {
        open("t-high");

        var line = portal.ui().find(Paragraph.class).id("decision-evidence");
        var full = evidence("t-high");
        assertThat(line.getElement().getTextRecursively())
                .startsWith("Evidence " + full.substring(0, 8) + "… — your decision is bound to it.");
        assertThat(portal.ui().find(Digest.class).first().fullValue()).isEqualTo(full);
        assertThat(portal.ui().find(Span.class).all())
                .anyMatch(span -> full.equals(span.getElement().getAttribute("title")));
    }

    @Test
    void aDecisionSentBackToTheInboxSaysWhatChangedAndThatEarlierApprovalsNoLongerCount() {
        governance.tasks.set(0, reopened(governance.tasks.getFirst(), "version 3 became champion"));
        open("t-high");

        assertThat(portal.ui().find(Paragraph.class).id("reopened-notice").getText())
                .isEqualTo("Back in your inbox: version 3 became champion; earlier approvals no longer count.");
    }

    @Test
    void aDecisionNotSentBackShowsNoNotice() {
        open("t-high");

        assertThat(portal.ui().find(Paragraph.class).withId("reopened-notice").exists()).isFalse();
    }

    @Test
    void evidenceThatChangedMeanwhileIsSaidPlainlyLocksTheFormAndOffersToReload() {
        var changed = refusal(409, "evidence-changed");
        governance.failing("decide", changed);
        open("t-high");

        portal.ui().test(comment()).setValue("fine by me");
        click("approve");

        assertThat(governance.decisions()).singleElement()
                .satisfies(sent -> assertThat(sent.evidenceSha256()).isEqualTo(evidence("t-high")));
        assertThat(outcome()).isEqualTo(changed.plainMessage()).startsWith("The evidence changed since you opened");
        assertFormLocked();
        assertThat(portal.ui().find(Button.class).withId("reload-decision").exists()).isTrue();
    }

    @Test
    void reloadingAfterChangedEvidenceShowsTheDecisionOnTheNewEvidence() {
        governance.failing("decide", refusal(409, "evidence-changed"));
        open("t-high");
        portal.ui().test(comment()).setValue("fine by me");
        click("approve");
        var newer = "f".repeat(64);
        governance.tasks.set(0, withEvidence(governance.tasks.getFirst(), newer));

        click("reload-decision");

        assertThat(portal.ui().find(H2.class).id("decision-title").getText()).isEqualTo("Promote credit-score v4?");
        assertThat(portal.ui().find(Digest.class).first().fullValue()).isEqualTo(newer);
        assertThat(outcome()).isEmpty();
        assertThat(portal.ui().test(button("approve")).isUsable()).isTrue();
    }

    @Test
    void aWithdrawnTaskSaysWhatChangedAndReloadLeadsToTheVersionsNewDecision() {
        var withdrawn = new ServiceRefusal(409, "/problems/task-withdrawn", "Conflict", "Task t-high was withdrawn"
                + " before anyone decided: an evaluation report on s3://eval/4 arrived for version 4. Open the"
                + " version's new decision.", List.of());
        governance.failing("decide", withdrawn);
        open("t-high");
        portal.ui().test(comment()).setValue("fine by me");
        click("approve");

        assertThat(outcome()).startsWith("This decision was withdrawn before anyone decided, because its evidence"
                + " changed. Nothing was recorded.").contains("an evaluation report on s3://eval/4 arrived");
        assertFormLocked();

        governance.tasks.set(0, redecided(governance.tasks.getFirst(), "t-high-2",
                "an evaluation report on s3://eval/4 arrived for version 4"));
        click("reload-decision");

        assertThat(portal.ui().find(H2.class).id("decision-title").getText()).isEqualTo("Promote credit-score v4?");
        assertThat(portal.ui().find(Paragraph.class).id("reopened-notice").getText())
                .startsWith("Back in your inbox: an evaluation report on s3://eval/4 arrived");
        assertThat(portal.ui().find(Digest.class).first().fullValue()).isEqualTo(evidence("t-high-2"));
    }

    @Test
    void reloadingWhileTheVersionIsBackInValidationSaysItIsNotWaitingYet() {
        governance.failing("decide", refusal(409, "task-withdrawn"));
        open("t-high");
        portal.ui().test(comment()).setValue("fine by me");
        click("approve");
        governance.tasks.removeFirst();

        click("reload-decision");

        assertThat(portal.ui().find(H2.class).withText("This decision is no longer waiting for you").exists())
                .isTrue();
        assertThat(portal.ui().find(Paragraph.class).all()).extracting(Paragraph::getText)
                .contains("No decision on credit-score v4 waits for you right now: the version went back to"
                        + " validation with the new evidence, and comes back to your inbox if it passes again.");
        assertThat(portal.ui().find(Button.class).withId("approve").exists()).isFalse();
    }

    @Test
    void aComparisonSaysWhichDatasetTheMetricsAreOnAndShowsItsDeltas() {
        var dataset = "9".repeat(64);
        governance.tasks.set(0, compared(governance.tasks.getFirst(), dataset, Map.of("auc", 0.93),
                Map.of("auc", 0.9), Map.of("auc", 0.03)));
        open("t-high");

        assertThat(portal.ui().find(Paragraph.class).id("comparison-note").getElement().getTextRecursively())
                .startsWith("Compared on one dataset, 99999999…")
                .contains("the metrics shown are both versions' metrics on it")
                .contains("The metrics a version was submitted with may differ.");
        Grid<?> metrics = portal.ui().find(Grid.class).id("metrics");
        var grid = portal.ui().test(metrics);
        assertThat(grid.size()).isEqualTo(1);
        assertThat(grid.getCellText(0, Grids.column(metrics, "Challenger"))).isEqualTo("0.930");
        assertThat(grid.getCellText(0, Grids.column(metrics, "Champion"))).isEqualTo("0.900");
        assertThat(Grids.components(portal.ui(), metrics, 0, Span.class)).extracting(Span::getText)
                .containsExactly("+0.030");
    }

    @Test
    void withoutAComparisonThePageSaysTheMetricsAreAsSubmittedAndShowsNoChange() {
        open("t-low");

        assertThat(portal.ui().find(Paragraph.class).id("comparison-note").getText())
                .startsWith("Not compared on a common dataset yet");
    }

    @Test
    void aFirstVersionHasNothingToCompareAndNoNoteAboutIt() {
        governance.tasks.add(task("t-first", "fresh", 1, "LOW", false, MONDAY));
        open("t-first");

        assertThat(portal.ui().find(Paragraph.class).withId("comparison-note").exists()).isFalse();
    }

    private void open(String taskId) {
        portal = PortalUi.as(Persona.dana(), governance);
        portal.ui().navigate(DecisionView.class, taskId);
    }

    private void click(String id) {
        portal.ui().test(button(id)).click();
    }

    private Button button(String id) {
        return portal.ui().find(Button.class).id(id);
    }

    private TextArea comment() {
        return portal.ui().find(TextArea.class).id("decision-comment");
    }

    private String outcome() {
        return portal.ui().find(Div.class).id("decision-outcome").getText();
    }

    private String lastNotification() {
        return portal.ui().test(portal.ui().find(Notification.class).last()).getText();
    }

    private void assertFormLocked() {
        assertThat(button("approve").isEnabled()).isFalse();
        assertThat(button("reject").isEnabled()).isFalse();
        assertThat(comment().isReadOnly()).isTrue();
    }
}
