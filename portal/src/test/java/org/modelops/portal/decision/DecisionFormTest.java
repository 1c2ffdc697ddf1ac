package org.modelops.portal.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelops.portal.governance.GovernanceApi.Decision;

import com.vaadin.browserless.BrowserlessUIContext;

class DecisionFormTest {

    private final List<DecisionForm.DecisionMade> made = new ArrayList<>();
    private DecisionForm form;
    private BrowserlessUIContext ui;

    @BeforeEach
    void showForm() {
        form = new DecisionForm();
        form.addDecisionListener(made::add);
        ui = BrowserlessUIContext.forComponent(form);
    }

    @AfterEach
    void close() {
        ui.close();
    }

    @Test
    void approveWithoutACommentAsksWhyAndFiresNothing() {
        ui.test(form.comment()).setValue("   ");
        ui.test(form.approveButton()).click();

        assertThat(made).isEmpty();
        assertThat(form.comment().isInvalid()).isTrue();
        assertThat(form.comment().getErrorMessage())
                .isEqualTo("Say why you approve: the comment is recorded in the audit trail.");
    }

    @Test
    void rejectWithoutACommentAsksWhatToChangeAndFiresNothing() {
        ui.test(form.rejectButton()).click();

        assertThat(made).isEmpty();
        assertThat(form.comment().isInvalid()).isTrue();
        assertThat(form.comment().getErrorMessage())
                .isEqualTo("Say why you reject: the submitter needs to know what to change.");
    }

    @Test
    void approveWithACommentFiresTheDecisionWithTheCommentStripped() {
        ui.test(form.comment()).setValue("  AUC up, fairness unchanged \n");
        ui.test(form.approveButton()).click();

        assertThat(made).singleElement().satisfies(decision -> {
            assertThat(decision.decision()).isEqualTo(Decision.APPROVE);
            assertThat(decision.comment()).isEqualTo("AUC up, fairness unchanged");
        });
        assertThat(form.comment().isInvalid()).isFalse();
    }

    @Test
    void aCommentAfterAnErrorClearsTheErrorAndRejects() {
        ui.test(form.rejectButton()).click();
        ui.test(form.comment()).setValue("recall on the eu slice dropped");
        ui.test(form.rejectButton()).click();

        assertThat(made).singleElement().satisfies(decision -> {
            assertThat(decision.decision()).isEqualTo(Decision.REJECT);
            assertThat(decision.comment()).isEqualTo("recall on the eu slice dropped");
        });
        assertThat(form.comment().isInvalid()).isFalse();
    }

    @Test
    void closeLocksBothButtonsAndTheComment() {
        assertThat(ui.test(form.approveButton()).isUsable()).isTrue();

        form.close();

        assertThat(ui.test(form.approveButton()).isUsable()).isFalse();
        assertThat(ui.test(form.rejectButton()).isUsable()).isFalse();
        assertThat(form.comment().isReadOnly()).isTrue();
    }

    @Test
    void bothButtonsDisableThemselvesOnClickSoThatADoubleClickCannotDecideTwice() {
        assertThat(form.approveButton().isDisableOnClick()).isTrue();
        assertThat(form.rejectButton().isDisableOnClick()).isTrue();
    }

    @Test
    void aDecisionThatLeavesTheFormOpenBringsTheButtonsBack() {
        ui.test(form.comment()).setValue("looks fine");
        ui.test(form.approveButton()).click();

        assertThat(made).hasSize(1);
        assertThat(ui.test(form.approveButton()).isUsable()).isTrue();
        assertThat(ui.test(form.rejectButton()).isUsable()).isTrue();
    }

    @Test
    void aDecisionThatClosesTheFormKeepsTheButtonsLocked() {
        form.addDecisionListener(decision -> form.close());
        ui.test(form.comment()).setValue("looks fine");
        ui.test(form.approveButton()).click();

        assertThat(ui.test(form.approveButton()).isUsable()).isFalse();
        assertThat(ui.test(form.rejectButton()).isUsable()).isFalse();
    }
}
