package org.modelops.portal.monitoring;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.modelops.portal.decision.InboxView;
import org.modelops.portal.governance.DecisionTask;
import org.modelops.portal.governance.GovernanceApi;
import org.modelops.portal.governance.MonitoringApi;
import org.modelops.portal.governance.ServiceRefusal;
import org.modelops.portal.security.Roles;
import org.modelops.portal.shell.Badges;
import org.modelops.portal.shell.Digest;
import org.modelops.portal.shell.Feedback;
import org.modelops.portal.shell.Formats;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;

import jakarta.annotation.security.RolesAllowed;

/**
 * The review of a monitoring breach, from the inbox: which signal breached on which version, the service's sentence
 * and evidence, and the outcomes the task offers (for example keep serving, roll back, request retraining), each
 * with the reviewer's reason for the audit trail.
 */
@Route("review")
@RolesAllowed({Roles.DOMAIN_EXPERT, Roles.GOVERNANCE_ADMIN})
public class ReviewView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    private final GovernanceApi governance;
    private final MonitoringApi monitoring;
    private final RadioButtonGroup<String> outcome = new RadioButtonGroup<>();
    private final TextArea comment = new TextArea("Reason (recorded in the audit trail)");
    private final Button submit = new Button("Record the decision");
    private final Div result = new Div();
    private String title = "Review · ModelOps";

    public ReviewView(GovernanceApi governance, MonitoringApi monitoring) {
        this.governance = governance;
        this.monitoring = monitoring;
        addClassName("page");
        outcome.setId("review-outcome");
        outcome.setLabel("Your decision");
        outcome.setItemLabelGenerator(ReviewView::outcomeInWords);
        outcome.setRequired(true);
        comment.setId("review-comment");
        comment.setRequired(true);
        comment.setMaxLength(1000);
        comment.setWidthFull();
        comment.setMinHeight("6em");
        submit.setId("review-submit");
        submit.addThemeVariants(ButtonVariant.PRIMARY);
        result.setId("review-result");
    }

    @Override
    public void setParameter(BeforeEvent event, String taskId) {
        removeAll();
        result.setText("");
        Optional<DecisionTask> task;
        try {
            task = governance.task(taskId);
        } catch (RuntimeException e) {
            add(new H2("Review"), new Paragraph(Feedback.explain(e)));
            return;
        }
        if (task.isEmpty() || !task.get().monitoringReview()) {
            add(new H2("This review is no longer waiting for you"),
                    new Paragraph("Somebody may have decided it already. Your inbox shows what still waits for you."),
                    new RouterLink("Back to your decisions", InboxView.class));
            return;
        }
        show(task.get());
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    private void show(DecisionTask task) {
        var review = task.review() == null
                ? new DecisionTask.MonitoringReview(null, null, null, Map.of(), java.util.List.of())
                : task.review();
        title = "Review " + task.title() + " · ModelOps";
        var heading = new H2(question(task));
        heading.setId("review-title");
        var facts = new HorizontalLayout(Badges.riskTier(task.riskTier()), Health.badge(review.verdict()),
                new Span("waiting since " + Formats.time(task.createdAt())));
        facts.setWrap(true);
        var explanation = new Paragraph(review.explanation() == null || review.explanation().isBlank()
                ? "The service found a " + Health.words(review.verdict()) + " on "
                        + Health.signalName(review.signal()).toLowerCase(Locale.ROOT) + "."
                : review.explanation());
        explanation.setId("review-explanation");
        var evidence = new UnorderedList();
        evidence.setId("review-evidence");
        review.evidence().forEach((key, value) -> evidence.add(new ListItem(new Span(key + ": "),
                new Span(MonitoringView.evidence(value)))));
        add(heading, facts, explanation, new H3("Evidence"), evidence);
        if (task.evidenceSha256() != null) {
            add(new Paragraph(new Span("Your decision is bound to evidence "), new Digest(task.evidenceSha256())));
        }
        add(new RouterLink("See " + task.model() + "'s monitoring", MonitoringView.class,
                MonitoringView.parameters(task.model())));
        if (review.outcomes().isEmpty()) {
            add(new Paragraph("The service offers no outcome for this review; nothing can be decided here."));
            return;
        }
        outcome.setItems(review.outcomes());
        submit.addClickListener(click -> decide(task));
        add(outcome, comment, submit, result);
    }

    static String question(DecisionTask task) {
        var review = task.review();
        var signal = review == null ? "monitoring" : Health.signalName(review.signal()).toLowerCase(Locale.ROOT);
        var verdict = review == null ? "breach" : Health.words(review.verdict());
        return "Review " + task.title() + ": " + signal + " " + verdict;
    }

    /** KEEP_SERVING → "Keep serving"; the service names the outcomes, the page only says them. */
    static String outcomeInWords(String outcome) {
        if (outcome == null || outcome.isBlank()) {
            return "";
        }
        var words = outcome.replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private void decide(DecisionTask task) {
        if (outcome.getValue() == null) {
            outcome.setInvalid(true);
            outcome.setErrorMessage("Choose what should happen.");
            return;
        }
        outcome.setInvalid(false);
        if (comment.getValue().isBlank()) {
            comment.setInvalid(true);
            comment.setErrorMessage("Say why: the reason is recorded with your name in the audit trail.");
            return;
        }
        comment.setInvalid(false);
        try {
            monitoring.decideReview(task.id(), outcome.getValue(), comment.getValue().strip(),
                    task.evidenceSha256());
        } catch (ServiceRefusal refusal) {
            result.setText(refusal.plainMessage());
            if (refusal.status() == 409 || refusal.status() == 404) {
                lock();
            }
            return;
        } catch (RuntimeException e) {
            result.setText(Feedback.explain(e));
            return;
        }
        result.setText("You decided “" + outcomeInWords(outcome.getValue()) + "” for " + task.title()
                + ". Recorded in the audit trail.");
        Feedback.success(result.getText());
        lock();
    }

    private void lock() {
        outcome.setReadOnly(true);
        comment.setReadOnly(true);
        submit.setEnabled(false);
    }
}
