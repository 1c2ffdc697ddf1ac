package org.modelops.portal.decision;

import java.util.List;
import java.util.stream.Stream;

import org.modelops.portal.governance.DecisionTask;
import org.modelops.portal.governance.GovernanceApi;
import org.modelops.portal.governance.InboxFilter;
import org.modelops.portal.governance.InboxPage;
import org.modelops.portal.monitoring.ReviewView;
import org.modelops.portal.security.Roles;
import org.modelops.portal.shell.Badges;
import org.modelops.portal.shell.Feedback;
import org.modelops.portal.shell.Formats;
import org.modelops.portal.shell.LazyPages;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;

import jakarta.annotation.security.RolesAllowed;

/**
 * The decisions waiting for the signed-in domain expert, oldest first, with how many and how urgent; the grid pages
 * lazily from the service, which filters, counts and pages them.
 */
@Route("decisions")
@PageTitle("Decisions · ModelOps")
@RolesAllowed({Roles.DOMAIN_EXPERT, Roles.GOVERNANCE_ADMIN})
public class InboxView extends VerticalLayout implements BeforeEnterObserver {

    /** Rows per request to the service (and the grid's page size). */
    static final int PAGE = 50;

    private final GovernanceApi governance;
    private final Paragraph summary = new Paragraph();
    private Long waiting;
    private final Grid<DecisionTask> tasks = new Grid<>(DecisionTask.class, false);

    public InboxView(GovernanceApi governance) {
        this.governance = governance;
        addClassName("page");
        summary.setId("inbox-summary");

        tasks.setId("inbox");
        tasks.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        tasks.setPageSize(PAGE);
        tasks.setHeight("70vh");
        tasks.addComponentColumn(task -> task.monitoringReview()
                ? new RouterLink(task.title(), ReviewView.class, task.id())
                : new RouterLink(task.title(), DecisionView.class, task.id()))
                .setHeader("Decision")
                .setAutoWidth(true)
                .setFlexGrow(0);
        tasks.addComponentColumn(InboxView::kindBadge).setHeader("Kind").setAutoWidth(true);
        tasks.addComponentColumn(task -> Badges.riskTier(task.riskTier())).setHeader("Risk").setAutoWidth(true);
        tasks.addColumn(
                task -> task.monitoringReview() ? "" : task.approvalsSoFar() + " of " + task.approvalsRequired())
                .setHeader("Approvals")
                .setAutoWidth(true);
        tasks.addColumn(InboxView::change)
                .setHeader("Change")
                .setAutoWidth(true);
        tasks.addColumn(task -> task.policy() == null ? "" : task.policy().label())
                .setHeader("Policy")
                .setAutoWidth(true);
        tasks.addColumn(task -> Formats.time(task.createdAt())).setHeader("Waiting since").setAutoWidth(true);
        tasks.addComponentColumn(task -> task.escalated() ? escalatedBadge() : new Span())
                .setHeader("Escalated")
                .setAutoWidth(true);

        add(new H2("Decisions waiting for you"), summary, tasks);
    }

    /**
     * One request to the service: the first page with its counts (all, high risk, escalated), which also serves the
     * grid's first rows; the grid then fetches further pages as the user scrolls. The first paint costs the same with
     * ten or ten thousand open decisions.
     */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        InboxPage first;
        try {
            first = governance.inboxFirstPage(PAGE);
        } catch (RuntimeException e) {
            waiting = null;
            summary.setText(Feedback.explain(e));
            tasks.setItems(List.of());
            return;
        }
        waiting = first.total();
        summary.setText(describe(first.total(), first.highRisk(), first.escalated()));
        var count = (int) Math.min(first.total(), Integer.MAX_VALUE);
        tasks.setItems(query -> query.getOffset() == 0 && query.getLimit() <= first.items().size()
                ? first.items().stream().limit(query.getLimit())
                : fetch(query.getOffset(), query.getLimit()), query -> count);
        tasks.setVisible(first.total() > 0);
    }

    /** How many decisions wait, as this view last read it (null: it could not); the navigation shows it. */
    public Long waiting() {
        return waiting;
    }

    private Stream<DecisionTask> fetch(int offset, int limit) {
        try {
            return LazyPages.fetch(offset, limit, (page, size) -> governance.inbox(InboxFilter.ALL, page, size));
        } catch (RuntimeException e) {
            summary.setText(Feedback.explain(e));
            return Stream.empty();
        }
    }

    static String describe(long total, long high, long escalated) {
        if (total == 0) {
            return "Nothing is waiting for you.";
        }
        var text = new StringBuilder()
                .append(total)
                .append(total == 1 ? " decision waits" : " decisions wait")
                .append(" for you");
        if (high > 0 || escalated > 0) {
            text.append(" (").append(high).append(" high risk, ").append(escalated).append(" escalated)");
        }
        return text.append('.').toString();
    }

    /** What the decision changes: a promotion's effect, or the monitoring breach a review is about. */
    static String change(DecisionTask task) {
        if (task.monitoringReview()) {
            return task.review() == null
                    ? "monitoring breach"
                    : org.modelops.portal.monitoring.Health.signalName(task.review().signal()) + " "
                            + org.modelops.portal.monitoring.Health.words(task.review().verdict());
        }
        return task.champion() == null ? "first champion" : "replaces v" + task.champion().version();
    }

    private static Span kindBadge(DecisionTask task) {
        var badge = new Span(task.kindInWords());
        badge.getElement().getThemeList().add(task.monitoringReview() ? "badge warning" : "badge");
        return badge;
    }

    private static Span escalatedBadge() {
        var badge = new Span("escalated");
        badge.getElement().getThemeList().add("badge error");
        return badge;
    }
}
