package org.modelops.portal.decision;

import org.modelops.portal.governance.GovernanceApi.Decision;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.shared.Registration;

/**
 * Approve or Reject with a comment. The comment is required for both: it is the decider's reasoning in the audit
 * trail. The form only fires a {@link DecisionMade} event; it does not call the service.
 */
public class DecisionForm extends VerticalLayout {

    private final TextArea comment = new TextArea("Your reasoning (recorded with your name)");
    private final Button approve = new Button("Approve");
    private final Button reject = new Button("Reject");
    private boolean closed;

    public DecisionForm() {
        setPadding(false);
        comment.setId("decision-comment");
        comment.setWidthFull();
        comment.setMinHeight("6em");
        comment.setMaxLength(4000);
        comment.setRequired(true);
        comment.setHelperText("Required for Approve and Reject.");

        approve.setId("approve");
        approve.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.SUCCESS);
        approve.addClickListener(click -> submit(Decision.APPROVE));
        // A second click while the first is on its way would decide twice; the button comes back unless closed.
        approve.setDisableOnClick(true);
        reject.setId("reject");
        reject.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.ERROR);
        reject.addClickListener(click -> submit(Decision.REJECT));
        reject.setDisableOnClick(true);

        add(new H3("Your decision"), comment, new HorizontalLayout(approve, reject));
    }

    private void submit(Decision decision) {
        if (comment.getValue().isBlank()) {
            comment.setInvalid(true);
            comment.setErrorMessage(decision == Decision.APPROVE
                    ? "Say why you approve: the comment is recorded in the audit trail."
                    : "Say why you reject: the submitter needs to know what to change.");
            comment.focus();
            enableUnlessClosed();
            return;
        }
        comment.setInvalid(false);
        try {
            fireEvent(new DecisionMade(this, decision, comment.getValue().strip()));
        } finally {
            enableUnlessClosed();
        }
    }

    private void enableUnlessClosed() {
        approve.setEnabled(!closed);
        reject.setEnabled(!closed);
    }

    /** Locks the form after a decision or when the task is no longer open. */
    public void close() {
        closed = true;
        approve.setEnabled(false);
        reject.setEnabled(false);
        comment.setReadOnly(true);
    }

    public Registration addDecisionListener(ComponentEventListener<DecisionMade> listener) {
        return addListener(DecisionMade.class, listener);
    }

    public TextArea comment() {
        return comment;
    }

    public Button approveButton() {
        return approve;
    }

    public Button rejectButton() {
        return reject;
    }

    /** The user approved or rejected, with their reasoning. */
    public static class DecisionMade extends ComponentEvent<DecisionForm> {

        private final Decision decision;
        private final String comment;

        DecisionMade(DecisionForm source, Decision decision, String comment) {
            super(source, false);
            this.decision = decision;
            this.comment = comment;
        }

        public Decision decision() {
            return decision;
        }

        public String comment() {
            return comment;
        }
    }
}
