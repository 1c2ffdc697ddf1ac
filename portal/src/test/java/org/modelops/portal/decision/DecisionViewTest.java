package org.modelops.portal.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelops.portal.testing.FakeGovernanceApi.refusal;
import static org.modelops.portal.testing.Tasks.task;

import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelops.portal.governance.GovernanceApi.Decision;
import org.modelops.portal.testing.FakeGovernanceApi;
import org.modelops.portal.testing.FakeGovernanceApi.Decided;
import org.modelops.portal.testing.Persona;
import org.modelops.portal.testing.PortalUi;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
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
                .containsExactly(new Decided("t-high", Decision.APPROVE, "AUC up, no slice worse"));
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
                .containsExactly(new Decided("t-low", Decision.REJECT, "recall dropped on the eu slice"));
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
