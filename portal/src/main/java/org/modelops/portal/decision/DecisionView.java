package org.modelops.portal.decision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.modelops.portal.catalog.ModelView;
import org.modelops.portal.governance.DecisionTask;
import org.modelops.portal.governance.DecisionTask.Contender;
import org.modelops.portal.governance.GovernanceApi;
import org.modelops.portal.governance.InboxFilter;
import org.modelops.portal.governance.ServiceRefusal;
import org.modelops.portal.security.Roles;
import org.modelops.portal.shell.Badges;
import org.modelops.portal.shell.Charts;
import org.modelops.portal.shell.Digest;
import org.modelops.portal.shell.Feedback;
import org.modelops.portal.shell.Formats;
import org.modelops.portal.shell.Verdicts;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;

import jakarta.annotation.security.RolesAllowed;

/** One decision: the challenger beside the champion, the policy's verdicts, and Approve or Reject. */
@Route("decision")
@RolesAllowed({Roles.DOMAIN_EXPERT, Roles.GOVERNANCE_ADMIN})
public class DecisionView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    private final GovernanceApi governance;
    private final Div outcome = new Div();
    private String title = "Decision · ModelOps";

    public DecisionView(GovernanceApi governance) {
        this.governance = governance;
        addClassName("page");
        outcome.setId("decision-outcome");
    }

    @Override
    public void setParameter(BeforeEvent event, String taskId) {
        removeAll();
        outcome.setText("");
        Optional<DecisionTask> task;
        try {
            task = governance.task(taskId);
        } catch (RuntimeException e) {
            add(new H2("Decision"), new Paragraph(Feedback.explain(e)));
            return;
        }
        if (task.isEmpty()) {
            noLongerWaiting("Somebody may have decided it already, or it was offered to other roles. "
                    + "Your inbox shows what still waits for you.");
            return;
        }
        if (task.get().monitoringReview()) {
            event.forwardTo(org.modelops.portal.monitoring.ReviewView.class, taskId); // not a promotion
            return;
        }
        show(task.get());
    }

    private void noLongerWaiting(String why) {
        add(new H2("This decision is no longer waiting for you"), new Paragraph(why),
                new RouterLink("Back to your decisions", InboxView.class));
    }

    /**
     * After the evidence changed under the page: the version's decision as it waits now (a withdrawn task comes back
     * under a new id once validation has judged the new evidence), or why there is none yet.
     */
    private void reload(DecisionTask stale) {
        Optional<DecisionTask> fresh;
        try {
            fresh = governance.inbox(new InboxFilter(stale.model(), null, null), 0, 200)
                    .items()
                    .stream()
                    .filter(t -> t.model().equals(stale.model()) && t.version() == stale.version())
                    .findFirst();
        } catch (RuntimeException e) {
            outcome.setText(Feedback.explain(e));
            return;
        }
        if (fresh.isPresent() && !fresh.get().id().equals(stale.id())) {
            UI.getCurrent().navigate(DecisionView.class, fresh.get().id());
            return;
        }
        removeAll();
        outcome.setText("");
        if (fresh.isEmpty()) {
            noLongerWaiting("No decision on " + stale.title() + " waits for you right now: the version went back to"
                    + " validation with the new evidence, and comes back to your inbox if it passes again.");
            return;
        }
        show(fresh.get());
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    private void show(DecisionTask task) {
        title = task.title() + " · Decision · ModelOps";
        var heading = new H2("Promote " + task.title() + "?");
        heading.setId("decision-title");
        add(heading);
        if (task.reopened()) {
            var notice = new Paragraph("Back in your inbox: " + task.reopenedBecause()
                    + "; earlier approvals no longer count.");
            notice.setId("reopened-notice");
            notice.addClassName("notice");
            add(notice);
        }
        var facts = new HorizontalLayout(Badges.riskTier(task.riskTier()),
                new Span("Policy " + (task.policy() == null ? "none" : task.policy().label())),
                new Span(task.approvalsSoFar() + " of " + task.approvalsRequired() + " approvals"),
                new Span("waiting since " + Formats.time(task.createdAt())));
        facts.setWrap(true);
        facts.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        if (task.escalated()) {
            var escalated = new Span("escalated: the approval deadline passed");
            escalated.getElement().getThemeList().add("badge error");
            facts.add(escalated);
        }

        var contenders = new Div(contender("Challenger v" + task.version(), task.challenger()),
                task.champion() == null
                        ? new Div(new H3("Champion"),
                                new Paragraph("No version serves yet: approving makes this the first champion."))
                        : contender("Champion v" + task.champion().version(), task.champion()));
        contenders.addClassName("side-by-side");

        var form = new DecisionForm();
        form.addDecisionListener(decision -> decide(task, decision, form));

        add(facts, evidence(task), contenders, metrics(task), fairness(task),
                new Div(Verdicts.of("Validation", task.validation()),
                        Verdicts.of("Champion vs challenger", task.challenge())),
                form, outcome,
                new RouterLink("Model page: versions, deployment and timeline", ModelView.class, task.model()));
    }

    private void decide(DecisionTask task, DecisionForm.DecisionMade decision, DecisionForm form) {
        try {
            governance.decide(task.id(), decision.decision(), decision.comment(), task.evidenceSha256());
        } catch (ServiceRefusal refusal) {
            if (refusal.is("task-already-decided") || refusal.is("task-not-found")) {
                form.close();
            }
            outcome.setText(Feedback.explain(refusal));
            if (refusal.is("evidence-changed") || refusal.is("task-withdrawn")) {
                form.close();
                var reload = new Button("Reload the decision", click -> reload(task));
                reload.setId("reload-decision");
                reload.addThemeVariants(ButtonVariant.PRIMARY);
                outcome.add(reload);
            }
            return;
        } catch (RuntimeException e) {
            outcome.setText(Feedback.explain(e));
            return;
        }
        form.close();
        var verb = decision.decision() == GovernanceApi.Decision.APPROVE ? "approved" : "rejected";
        var text = "You " + verb + " " + task.title() + ". Your decision is recorded in the audit trail.";
        if (decision.decision() == GovernanceApi.Decision.APPROVE && task.approvalsStillNeeded() > 1) {
            text += " It still needs " + (task.approvalsStillNeeded() - 1) + " more approval from another person.";
        }
        outcome.setText(text);
        Feedback.success(text);
    }

    /** The evidence the decision is bound to, so that the person knows what their name goes on. */
    private static Paragraph evidence(DecisionTask task) {
        var line = new Paragraph();
        line.setId("decision-evidence");
        if (task.evidenceSha256() == null || task.evidenceSha256().isBlank()) {
            line.setText("The service did not say which evidence this decision is bound to.");
            return line;
        }
        line.add(new Span("Evidence "), new Digest(task.evidenceSha256()),
                new Span(" — your decision is bound to it. If the evidence changes before you decide, the service"
                        + " refuses the decision and you decide again on the new evidence."));
        return line;
    }

    private static Div contender(String heading, Contender contender) {
        var box = new Div(new H3(heading));
        if (contender == null) {
            return box;
        }
        box.add(labelled("What it is", contender.description()), labelled("Intended use", contender.intendedUse()),
                labelled("Submitted by", contender.submittedBy()));
        return box;
    }

    private static Paragraph labelled(String label, String value) {
        var name = new Span(label + ": ");
        name.addClassName("font-semibold");
        return new Paragraph(name, new Span(value == null || value.isBlank() ? "not given" : value));
    }

    private static Div metrics(DecisionTask task) {
        var names = new TreeSet<String>(task.challenger() == null ? List.of() : task.challenger().metrics().keySet());
        if (task.champion() != null) {
            names.addAll(task.champion().metrics().keySet());
        }
        var deltas = !task.deltas().isEmpty() || task.comparison() == null
                ? task.deltas()
                : task.comparison().deltas();
        var rows = new ArrayList<MetricRow>();
        for (var name : names) {
            rows.add(new MetricRow(name, task.challenger() == null ? null : task.challenger().metrics().get(name),
                    task.champion() == null ? null : task.champion().metrics().get(name), deltas.get(name)));
        }
        var grid = new Grid<MetricRow>();
        grid.setId("metrics");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(MetricRow::metric).setHeader("Metric");
        grid.addColumn(row -> Formats.metric(row.challenger())).setHeader("Challenger");
        grid.addColumn(row -> Formats.metric(row.champion())).setHeader("Champion");
        grid.addComponentColumn(row -> {
            var delta = new Span(Formats.delta(row.delta()));
            delta.addClassName("metric-delta");
            if (row.delta() != null && Math.abs(row.delta()) >= 0.0005) {
                delta.addClassName(row.delta() > 0 ? "better" : "worse");
            }
            return delta;
        }).setHeader("Change");
        grid.setItems(rows);

        var series = new LinkedHashMap<String, Map<String, Double>>();
        if (task.challenger() != null) {
            series.put("challenger v" + task.version(), task.challenger().metrics());
        }
        if (task.champion() != null) {
            series.put("champion v" + task.champion().version(), task.champion().metrics());
        }
        var section = new Div(new H3("Metrics"));
        var basis = comparisonBasis(task);
        if (basis != null) {
            section.add(basis);
        }
        section.add(grid, Charts.groupedBars("Metrics", List.copyOf(names), series));
        section.setWidthFull();
        return section;
    }

    /** Which numbers the grid holds: both versions on one dataset, or (without a comparison) each as submitted. */
    private static Paragraph comparisonBasis(DecisionTask task) {
        var note = new Paragraph();
        note.setId("comparison-note");
        if (task.comparison() != null) {
            note.add(new Span("Compared on one dataset, "), new Digest(task.comparison().datasetSha256()),
                    new Span(": the metrics shown are both versions' metrics on it, and the change is their"
                            + " difference. The metrics a version was submitted with may differ."));
            return note;
        }
        if (task.champion() != null) {
            note.setText("Not compared on a common dataset yet: the metrics shown are those each version was"
                    + " submitted with, so no change is shown.");
            return note;
        }
        return null;
    }

    private static Div fairness(DecisionTask task) {
        var section = new Div(new H3("Fairness by slice"));
        var challenger = task.challenger();
        if (challenger == null || challenger.sliceMetrics().isEmpty()) {
            section.add(new Paragraph("No slice metrics were reported for this version."));
            return section;
        }
        var champion = task.champion();
        var rows = new ArrayList<SliceRow>();
        challenger.sliceMetrics().forEach((slice, values) -> values.forEach((metric, value) -> rows.add(
                new SliceRow(slice, metric, value, champion == null
                        ? null
                        : champion.sliceMetrics().getOrDefault(slice, Map.of()).get(metric)))));
        rows.sort((a, b) -> (a.metric() + a.slice()).compareTo(b.metric() + b.slice()));
        var grid = new Grid<SliceRow>();
        grid.setId("fairness");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(SliceRow::slice).setHeader("Slice");
        grid.addColumn(SliceRow::metric).setHeader("Metric");
        grid.addColumn(row -> Formats.metric(row.challenger())).setHeader("Challenger");
        grid.addColumn(row -> Formats.metric(row.champion())).setHeader("Champion");
        grid.setItems(rows);
        section.add(grid);
        return section;
    }

    record MetricRow(String metric, Double challenger, Double champion, Double delta) {
    }

    record SliceRow(String slice, String metric, Double challenger, Double champion) {
    }
}
