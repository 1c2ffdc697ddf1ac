package org.modelops.portal.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.modelops.portal.audit.EvidenceView;
import org.modelops.portal.governance.Deployment;
import org.modelops.portal.governance.GovernanceApi;
import org.modelops.portal.governance.MonitoringApi;
import org.modelops.portal.governance.MonitoringOverview;
import org.modelops.portal.governance.ModelSummary;
import org.modelops.portal.governance.ModelVersion;
import org.modelops.portal.governance.Rollback;
import org.modelops.portal.governance.TimelineEntry;
import org.modelops.portal.security.CurrentUser;
import org.modelops.portal.monitoring.Health;
import org.modelops.portal.monitoring.MonitoringView;
import org.modelops.portal.shell.Badges;
import org.modelops.portal.shell.Feedback;
import org.modelops.portal.shell.Formats;
import org.modelops.portal.shell.LazyPages;
import org.modelops.portal.shell.ReasonDialog;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;

import jakarta.annotation.security.PermitAll;

/**
 * One model: what it is, which versions serve which share of traffic now, every version with its state, and the
 * selected version's lifecycle timeline. Domain experts and admins may roll back or retire, with a reason.
 */
@Route("model")
@PermitAll
public class ModelView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    /** Rows per request to the service; a model with at most this many versions shows them all at once. */
    static final int VERSIONS_PAGE = 50;

    private final GovernanceApi governance;
    private final MonitoringApi monitoring;
    private final CurrentUser user;
    private final Div deployment = new Div();
    private final Grid<ModelVersion> versions = new Grid<>(ModelVersion.class, false);
    private final Div timeline = new Div();
    private final HorizontalLayout actions = new HorizontalLayout();
    private String name;

    public ModelView(GovernanceApi governance, MonitoringApi monitoring, CurrentUser user) {
        this.governance = governance;
        this.monitoring = monitoring;
        this.user = user;
        addClassName("page");
        deployment.setId("deployment");
        timeline.setId("timeline");
        versions.setId("versions");
        versions.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        versions.setPageSize(VERSIONS_PAGE);
        versions.addColumn(v -> "v" + v.version()).setHeader("Version").setAutoWidth(true).setFlexGrow(0);
        versions.addComponentColumn(v -> Badges.state(v.state())).setHeader("State").setAutoWidth(true);
        versions.addColumn(v -> v.stateReason() == null ? "" : v.stateReason())
                .setHeader("Why")
                .setFlexGrow(2)
                .setTooltipGenerator(v -> v.stateReason() == null ? "" : v.stateReason());
        versions.addColumn(v -> v.policy() == null ? "" : v.policy().label()).setHeader("Policy").setAutoWidth(true);
        versions.addColumn(v -> Formats.time(v.submittedAt())).setHeader("Submitted").setAutoWidth(true);
        versions.addColumn(ModelVersion::submittedBy).setHeader("By").setAutoWidth(true);
        if (user.permissions().reviewsAuditTrail()) {
            versions.addComponentColumn(
                    v -> new RouterLink("evidence", EvidenceView.class, EvidenceView.parameter(v.model(), v.version())))
                    .setHeader("Evidence")
                    .setAutoWidth(true);
        }
        if (user.permissions().changesDeployments()) {
            versions.addComponentColumn(this::retireButton).setHeader("").setAutoWidth(true);
        }
        versions.addSelectionListener(selection -> selection.getFirstSelectedItem().ifPresent(this::showTimeline));
    }

    @Override
    public void setParameter(BeforeEvent event, String modelName) {
        this.name = modelName;
        removeAll();
        ModelSummary model;
        try {
            model = governance.model(modelName);
        } catch (RuntimeException e) {
            add(new H2(modelName), new Paragraph(Feedback.explain(e)), new RouterLink("All models", CatalogView.class));
            return;
        }
        var heading = new H2(model.name());
        heading.setId("model-name");
        var facts = new HorizontalLayout(Badges.riskTier(model.riskTier()), new Span("owned by " + model.ownerTeam()),
                new Span("registered " + Formats.time(model.createdAt()) + " by " + model.createdBy()));
        facts.setWrap(true);
        facts.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        actions.removeAll();
        var monitoringLink = new RouterLink("Monitoring", MonitoringView.class, MonitoringView.parameters(
                model.name()));
        monitoringLink.setId("monitoring-link");
        add(heading, facts, new Paragraph(model.description()), actions, new H3("Serving now"), deployment,
                monitoringLink,
                new H3("Versions"), versions, new H3("Timeline"), timeline);
        refresh();
    }

    @Override
    public String getPageTitle() {
        return (name == null ? "Model" : name) + " · ModelOps";
    }

    /**
     * What serves (the deployment, and the newest version rolling out and champion, asked by state), then the
     * versions newest first, paged lazily from the service, which filters, counts and pages them: a model with
     * thousands of versions costs the same first paint as one with three.
     */
    private void refresh() {
        actions.removeAll();
        try {
            var current = governance.deployment(name);
            var first = governance.versions(name, null, 0, VERSIONS_PAGE);
            var serving = Serving.of(current, newest(ROLLING_OUT), newest(CHAMPION));
            showDeployment(current, first.total());
            showActions(serving);
            var count = (int) Math.min(Integer.MAX_VALUE, first.total());
            versions.setItems(query -> query.getOffset() == 0 && query.getLimit() <= first.items().size()
                    ? first.items().stream().limit(query.getLimit())
                    : fetchVersions(query.getOffset(), query.getLimit()), query -> count);
            if (count <= VERSIONS_PAGE) {
                versions.setHeight(null);
                versions.setAllRowsVisible(true);
            } else {
                versions.setAllRowsVisible(false);
                versions.setHeight("60vh");
            }
            first.items().stream().findFirst().ifPresentOrElse(versions::select, () -> timeline.removeAll());
        } catch (RuntimeException e) {
            deployment.setText(Feedback.explain(e));
        }
    }

    private static final String ROLLING_OUT = "ROLLING_OUT";
    private static final String CHAMPION = "CHAMPION";
    private static final String ROLLED_BACK = "ROLLED_BACK";

    /** The newest version in that state, asked of the service (which pages versions newest first), or null. */
    private ModelVersion newest(String state) {
        return governance.versions(name, state, 0, 1).items().stream().findFirst().orElse(null);
    }

    private java.util.stream.Stream<ModelVersion> fetchVersions(int offset, int limit) {
        try {
            return LazyPages.fetch(offset, limit, (page, size) -> governance.versions(name, null, page, size));
        } catch (RuntimeException e) {
            deployment.setText(Feedback.explain(e));
            return java.util.stream.Stream.empty();
        }
    }

    /**
     * During a rollout the one thing to undo is the rollout: Stop rollout rolls the canary back. Otherwise Roll back
     * rolls the champion back. Either names the version it means, so that a second click or somebody else's rollback
     * in between is refused instead of rolling back one step further.
     */
    private void showActions(Serving serving) {
        if (!user.permissions().changesDeployments()) {
            return;
        }
        if (serving.canary() != null) {
            var stop = new Button("Stop rollout", click -> confirmStopRollout(serving));
            stop.setId("stop-rollout");
            stop.addThemeVariants(ButtonVariant.ERROR);
            actions.add(stop);
        } else if (serving.champion() != null) {
            var rollBack = new Button("Roll back", click -> confirmRollBack(serving.champion()));
            rollBack.setId("roll-back");
            rollBack.addThemeVariants(ButtonVariant.ERROR);
            actions.add(rollBack);
        }
    }

    /** What serves, as the page last read it: the version rolling out (if any) and the champion (if any). */
    record Serving(Integer canary, Integer champion) {

        /** From the newest version in each state (null: none), else from the deployment's shares. */
        static Serving of(Deployment deployment, ModelVersion rollingOut, ModelVersion champion) {
            return new Serving(inState(ROLLING_OUT, rollingOut, deployment), inState(CHAMPION, champion,
                    deployment));
        }

        private static Integer inState(String state, ModelVersion newest, Deployment deployment) {
            return java.util.Optional.ofNullable(newest)
                    .map(ModelVersion::version)
                    .or(() -> deployment.serving()
                            .stream()
                            .filter(share -> state.equals(share.state()))
                            .map(Deployment.Share::version)
                            .findFirst())
                    .orElse(null);
        }
    }

    private void showDeployment(Deployment current, long versionCount) {
        deployment.removeAll();
        MonitoringOverview health;
        try {
            health = monitoring.overview(name);
        } catch (RuntimeException e) {
            health = MonitoringOverview.none(name); // said as "no monitoring data", never as healthy
        }
        if (current.serving().isEmpty()) {
            var nothing = new Paragraph("Nothing serves this model: "
                    + whyNothingServes(newest(ROLLED_BACK), versionCount));
            nothing.setId("nothing-serves");
            deployment.add(nothing);
            return;
        }
        for (var share : current.serving()) {
            var label = new Span("v" + share.version() + " · " + share.state().replace('_', ' ').toLowerCase() + " · "
                    + share.percent() + "% of traffic");
            var bar = new ProgressBar(0, 100, share.percent());
            bar.getElement().setAttribute("aria-label", label.getText());
            var judged = health.version(share.version());
            var verdict = judged == null || !judged.judged() ? null : judged.verdict();
            var badge = Health.badge(verdict, "v" + share.version() + " " + Health.words(verdict));
            badge.setId("health-v" + share.version());
            deployment.add(new Div(label, new Span(" "), badge, bar));
        }
    }

    /** Why nothing serves: the newest rolled-back version (null: none), else whether there are versions at all. */
    static String whyNothingServes(ModelVersion rolledBack, long versionCount) {
        if (rolledBack != null) {
            var v = rolledBack;
            return "v" + v.version() + " was rolled back"
                    + (v.stateReason() == null || v.stateReason().isBlank() ? "" : " (" + v.stateReason() + ")")
                    + " and no earlier version is champion. A new version must be approved before anything serves.";
        }
        if (versionCount == 0) {
            return "it has no versions yet.";
        }
        return "no version has been approved and rolled out yet.";
    }

    private void showTimeline(ModelVersion version) {
        timeline.removeAll();
        List<TimelineEntry> entries;
        try {
            entries = governance.timeline(name, version.version());
        } catch (RuntimeException e) {
            timeline.add(new Paragraph(Feedback.explain(e)));
            return;
        }
        timeline.add(new Paragraph("v" + version.version() + ": " + entries.size() + " recorded steps, oldest first."));
        var list = new OrderedList();
        for (var entry : entries) {
            var when = new Span(Formats.time(entry.at()) + " ");
            when.addClassNames("text-secondary", "text-s");
            var what = new Span(entry.action() + " by " + entry.actor() + describe(entry));
            list.add(new ListItem(when, what));
        }
        timeline.add(list);
    }

    static String describe(TimelineEntry entry) {
        var details = entry.details();
        switch (entry.action()) {
            case "lifecycle.reopened" -> {
                var stale = details.get("staleApprovals") instanceof List<?> names && !names.isEmpty()
                        ? "; the approvals of " + String.join(", ", names.stream().map(String::valueOf).toList())
                                + " no longer count"
                        : "";
                return ": back to validation" + from(details) + " because " + text(details.get("change"),
                        "the evidence changed") + stale;
            }
            case "rollout.stopped" -> {
                return ": the rollout of v" + details.get("version") + " was stopped"
                        + reason(details) + "; " + text(details.get("serving"), "the champion serves again");
            }
            case "promotion.refused" -> {
                return ": not promoted, " + text(details.get("reason"), "the decision no longer held")
                        + "; back to validation";
            }
            case "lifecycle.incident" -> {
                return ": stopped for a person to look at, at '" + details.get("where") + "' on the unknown outcome '"
                        + details.get("outcome") + "'; nothing was promoted";
            }
            case "model.reclassified" -> {
                if (details.get("from") instanceof Map<?, ?> from && details.get("to") instanceof Map<?, ?> to) {
                    return ": risk tier " + from.get("riskTier") + " → " + to.get("riskTier") + ", owner team "
                            + from.get("ownerTeam") + " → " + to.get("ownerTeam") + reason(details);
                }
            }
            default -> {
            }
        }
        if (details.containsKey("to")) {
            return ": " + details.get("from") + " → " + details.get("to")
                    + (details.containsKey("reason") ? " (" + details.get("reason") + ")" : "");
        }
        if (details.containsKey("decision")) {
            return ": " + details.get("decision")
                    + (details.containsKey("comment") ? " — “" + details.get("comment") + "”" : "");
        }
        if (details.containsKey("outcome")) {
            return ": " + details.get("outcome");
        }
        if (details.containsKey("share")) {
            return ": " + details.get("share") + "% of traffic"
                    + (details.containsKey("note") ? " (" + details.get("note") + ")" : "");
        }
        return "";
    }

    private static String from(Map<String, Object> details) {
        return details.get("from") == null
                ? ""
                : " from " + String.valueOf(details.get("from")).replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    private static String reason(Map<String, Object> details) {
        return details.get("reason") == null ? "" : " (" + details.get("reason") + ")";
    }

    private static String text(Object value, String otherwise) {
        return value == null || String.valueOf(value).isBlank() ? otherwise : String.valueOf(value);
    }

    /** Retire for a version that may be retired; otherwise, in words that any reader gets, why not. */
    private Component retireButton(ModelVersion version) {
        if (version.retired() || version.serving()) {
            var why = new Span(version.retired()
                    ? "retired"
                    : "ROLLING_OUT".equals(version.state())
                            ? "rolling out: stop the rollout before retiring"
                            : "serves traffic: roll back before retiring");
            why.addClassNames("text-secondary", "text-s");
            return why;
        }
        var retire = new Button("Retire", click -> confirmRetire(version));
        retire.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.ERROR, ButtonVariant.SMALL);
        retire.getElement().setAttribute("aria-label", "Retire v" + version.version());
        return retire;
    }

    private void confirmRollBack(int champion) {
        new ReasonDialog("Roll back " + name + " v" + champion + "?",
                "v" + champion + " is rolled back and the previous champion serves all traffic again.", "Roll back",
                reason -> rollBack(champion, reason)).open();
    }

    private void confirmStopRollout(Serving serving) {
        var consequence = serving.champion() != null
                ? "v" + serving.canary() + " stops serving and is rolled back; v" + serving.champion()
                        + ", the champion, serves all traffic again."
                : "v" + serving.canary() + " stops serving and is rolled back. It is this model's first version to"
                        + " roll out, so afterwards nothing serves this model.";
        new ReasonDialog("Stop the rollout of " + name + " v" + serving.canary() + "?", consequence, "Stop rollout",
                reason -> rollBack(serving.canary(), reason)).open();
    }

    private void rollBack(int expectedVersion, String reason) {
        try {
            var done = governance.rollBack(name, expectedVersion, reason);
            Feedback.success(rolledBack(done) + " Recorded in the audit trail.");
        } catch (RuntimeException e) {
            Feedback.explain(e);
        }
        refresh();
    }

    static String rolledBack(Rollback done) {
        var what = done.rolloutStopped()
                ? "Stopped the rollout of " + done.model() + " v" + done.version() + "."
                : "Rolled back " + done.model() + " v" + done.version() + ".";
        var now = done.servingVersion() == null
                ? " Nothing serves this model now."
                : " v" + done.servingVersion() + " serves all traffic.";
        return what + now;
    }

    private void confirmRetire(ModelVersion version) {
        new ReasonDialog("Retire " + name + " v" + version.version() + "?",
                "A retired version can never serve again. This is final.", "Retire",
                reason -> act(() -> governance.retire(name, version.version(), reason),
                        "Retired " + name + " v" + version.version() + "."))
                .open();
    }

    private void act(Runnable action, String done) {
        try {
            action.run();
            Feedback.success(done + " Recorded in the audit trail.");
        } catch (RuntimeException e) {
            Feedback.explain(e);
        }
        refresh();
    }
}
