package org.modelops.portal.monitoring;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.modelops.portal.catalog.ModelView;
import org.modelops.portal.governance.DriftReport;
import org.modelops.portal.governance.MonitoringApi;
import org.modelops.portal.governance.MonitoringOverview;
import org.modelops.portal.governance.MonitoringOverview.VersionHealth;
import org.modelops.portal.governance.RetrainingRequest;
import org.modelops.portal.governance.ServiceRefusal;
import org.modelops.portal.governance.SignalSeries;
import org.modelops.portal.shell.Badges;
import org.modelops.portal.shell.Feedback;
import org.modelops.portal.shell.Formats;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;

import jakarta.annotation.security.PermitAll;

/**
 * A model's production monitoring: every monitored version's verdicts in words; for the chosen version each signal
 * over its last windows against the warn and breach levels (breaches marked), drift per feature worst first, and the
 * model's retraining requests. A version the service judged nothing for says so plainly: no data is never a pass.
 */
@Route("model/:name/monitoring")
@PermitAll
public class MonitoringView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final int WINDOWS = 30;

    private final MonitoringApi monitoring;
    private final Div health = new Div();
    private final Select<VersionHealth> version = new Select<>();
    private final Div signals = new Div();
    private final Div drift = new Div();
    private final Div retraining = new Div();
    private String name;

    public MonitoringView(MonitoringApi monitoring) {
        this.monitoring = monitoring;
        addClassName("page");
        health.setId("health");
        signals.setId("signals");
        drift.setId("drift-features");
        retraining.setId("retraining-requests");
        version.setId("monitoring-version");
        version.setLabel("Version");
        version.setItemLabelGenerator(v -> "v" + v.version() + " · " + state(v.state()));
        version.addValueChangeListener(change -> {
            if (change.getValue() != null) {
                showVersion(change.getValue());
            }
        });
    }

    /** The path of a model's monitoring page, for links. */
    public static RouteParameters parameters(String model) {
        return new RouteParameters("name", model);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        name = event.getRouteParameters().get("name").orElse("");
        removeAll();
        var title = new H2(name + ": monitoring");
        title.setId("monitoring-title");
        add(title, new RouterLink("Back to " + name, ModelView.class, name));
        MonitoringOverview overview;
        try {
            overview = monitoring.overview(name);
        } catch (ServiceRefusal refusal) {
            if (refusal.status() != 404) {
                add(new Paragraph(Feedback.explain(refusal)));
                return;
            }
            overview = MonitoringOverview.none(name); // the model exists, nothing of it is monitored yet
        } catch (RuntimeException e) {
            add(new Paragraph(Feedback.explain(e)));
            return;
        }
        add(new H3("Health"), health);
        showHealth(overview);
        if (!overview.versions().isEmpty()) {
            version.setItems(overview.versions());
            add(version, signals, new H3("Drift per feature"), drift);
            version.setValue(overview.versions()
                    .stream()
                    .filter(VersionHealth::serving)
                    .findFirst()
                    .orElse(overview.versions().getFirst()));
        }
        showRetrainingRequests();
    }

    @Override
    public String getPageTitle() {
        return (name == null ? "Monitoring" : name + " monitoring") + " · ModelOps";
    }

    private void showHealth(MonitoringOverview overview) {
        health.removeAll();
        if (overview.versions().isEmpty()) {
            var none = new Paragraph("No version of " + name + " has monitoring data yet: the service has judged no"
                    + " window of its predictions. That is not a pass; nothing is known about how it does in"
                    + " production.");
            none.setId("no-monitoring");
            health.add(none);
            return;
        }
        var list = new UnorderedList();
        for (var v : overview.versions()) {
            var row = new HorizontalLayout(new Span("v" + v.version()), Badges.state(v.state()), v.judged()
                    ? Health.badge(v.verdict())
                    : Health.badge(null));
            row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
            row.setWrap(true);
            var item = new ListItem(row);
            item.setId("health-v" + v.version());
            if (!v.judged() || v.signals().isEmpty()) {
                item.add(new Paragraph(noData(v)));
            } else {
                var signalList = new UnorderedList();
                for (var signal : v.signals()) {
                    signalList.add(new ListItem(new Span(Health.signalName(signal.signal()) + ": "),
                            Health.badge(signal.verdict()), new Span(" " + sentence(signal))));
                }
                item.add(signalList);
            }
            list.add(item);
        }
        health.add(list);
    }

    static String noData(VersionHealth v) {
        return "v" + v.version() + " has no monitoring data yet: no window of its predictions has been judged. That"
                + " is not a pass.";
    }

    private static String sentence(MonitoringOverview.SignalVerdict signal) {
        var text = signal.explanation() == null || signal.explanation().isBlank()
                ? Health.words(signal.verdict())
                : signal.explanation();
        return signal.evaluatedAt() == null ? text : text + " (judged " + Formats.time(signal.evaluatedAt()) + ")";
    }

    private void showVersion(VersionHealth selected) {
        signals.removeAll();
        drift.removeAll();
        DriftReport report = null;
        try {
            report = monitoring.drift(name, selected.version(), WINDOWS);
        } catch (RuntimeException e) {
            drift.add(new Paragraph(explainQuietly(e)));
        }
        if (report != null) {
            showDrift(report);
        }
        if (!selected.judged() || selected.signals().isEmpty()) {
            var none = new Paragraph(noData(selected));
            none.setId("version-no-data");
            signals.add(none);
            return;
        }
        for (var signal : selected.signals()) {
            signals.add(signalSection(selected, signal, report));
        }
    }

    private Component signalSection(VersionHealth selected, MonitoringOverview.SignalVerdict signal,
            DriftReport report) {
        var section = new Div();
        section.setId("signal-" + signal.signal());
        section.addClassName("signal");
        var heading = new H4(Health.signalName(signal.signal()) + " ");
        heading.add(Health.badge(signal.verdict()));
        var explanation = new Paragraph(sentence(signal));
        explanation.addClassName("signal-explanation");
        var chart = new Div();
        section.add(heading, explanation);
        if ("drift".equals(signal.signal()) && report != null && report.latest() != null) {
            var feature = new Select<String>();
            feature.setLabel("Feature");
            feature.setId("drift-feature");
            var columns = worstFirst(report.latest().columns()).stream().map(DriftReport.Column::column).toList();
            feature.setItems(columns);
            feature.addValueChangeListener(change -> chart(chart, selected, signal.signal(), change.getValue()));
            section.add(feature, chart);
            if (!columns.isEmpty()) {
                feature.setValue(columns.getFirst());
                return section;
            }
        } else {
            section.add(chart);
        }
        chart(chart, selected, signal.signal(), null);
        return section;
    }

    private void chart(Div into, VersionHealth selected, String signal, String metric) {
        into.removeAll();
        SignalSeries series;
        try {
            series = monitoring.series(name, selected.version(), signal, metric, WINDOWS);
        } catch (RuntimeException e) {
            into.add(new Paragraph("The history of this signal cannot be shown: " + explainQuietly(e)));
            return;
        }
        var what = series.metric() == null || series.metric().isBlank() ? "" : " " + series.metric();
        var title = Health.signalName(signal) + what + (series.statistic() == null
                ? ""
                : " (" + series.statistic()
                        + ")")
                + " over the last " + series.points().size() + " windows";
        if (series.points().isEmpty()) {
            into.add(new Paragraph("No closed window yet for " + Health.signalName(signal).toLowerCase() + what
                    + ": nothing to draw, and nothing judged."));
            return;
        }
        into.add(TrendChart.of(title, series), numbers(series));
    }

    /** The chart's numbers, folded away: what the picture shows, window by window. */
    private static Details numbers(SignalSeries series) {
        var grid = new Grid<SignalSeries.Point>();
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.addColumn(p -> Formats.time(p.windowStart())).setHeader("Window from").setAutoWidth(true);
        grid.addColumn(p -> Formats.metric(p.value())).setHeader("Value").setAutoWidth(true);
        grid.addColumn(p -> p.lower() == null ? "" : Formats.metric(p.lower()) + " – " + Formats.metric(p.upper()))
                .setHeader("Interval")
                .setAutoWidth(true);
        grid.addColumn(p -> p.count() == null ? "" : String.valueOf(p.count())).setHeader("Records")
                .setAutoWidth(true);
        grid.addComponentColumn(p -> Health.badge(p.verdict())).setHeader("Verdict").setAutoWidth(true);
        grid.setItems(series.points().reversed());
        var details = new Details("The numbers (newest first)", grid);
        details.addClassName("chart-numbers");
        return details;
    }

    private void showDrift(DriftReport report) {
        var sentence = new Paragraph(Health.badge(report.verdict()), new Span(" " + (report.explanation() == null
                ? Health.words(report.verdict())
                : report.explanation())));
        sentence.setId("drift-explanation");
        drift.add(sentence);
        var latest = report.latest();
        if (latest == null) {
            drift.add(new Paragraph("No window has closed yet, so no feature has been compared with the baseline."));
            return;
        }
        drift.add(new Paragraph("Window " + Formats.time(latest.start()) + " to " + Formats.time(latest.end()) + ", "
                + latest.records() + " records; worst first."));
        var grid = new Grid<DriftReport.Column>();
        grid.setId("drift-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.addColumn(DriftReport.Column::column).setHeader("Feature").setAutoWidth(true);
        grid.addColumn(DriftReport.Column::statistic).setHeader("Statistic").setAutoWidth(true);
        grid.addColumn(c -> Formats.metric(c.value())).setHeader("Value").setAutoWidth(true);
        grid.addColumn(c -> Formats.metric(c.warn())).setHeader("Warning at").setAutoWidth(true);
        grid.addColumn(c -> Formats.metric(c.breach())).setHeader("Breach at").setAutoWidth(true);
        grid.addComponentColumn(c -> Health.badge(c.verdict())).setHeader("Verdict").setAutoWidth(true);
        grid.setItems(worstFirst(latest.columns()));
        drift.add(grid);
    }

    /** Worst verdict first; within a verdict, the value closest to (or furthest past) its breach level first. */
    static List<DriftReport.Column> worstFirst(List<DriftReport.Column> columns) {
        return columns.stream()
                .sorted(Comparator.<DriftReport.Column>comparingInt(c -> Health.severity(c.verdict()))
                        .thenComparingDouble(c -> c.value() == null || c.breach() <= 0 ? 0 : c.value() / c.breach())
                        .reversed()
                        .thenComparing(DriftReport.Column::column))
                .toList();
    }

    private void showRetrainingRequests() {
        List<RetrainingRequest> requests;
        try {
            var answered = monitoring.retrainingRequests(name);
            if (answered.isEmpty()) {
                return; // the service offers no retraining requests
            }
            requests = answered.get();
        } catch (RuntimeException e) {
            add(new H3("Retraining requests"), new Paragraph(explainQuietly(e)));
            return;
        }
        retraining.removeAll();
        add(new H3("Retraining requests"), retraining);
        if (requests.isEmpty()) {
            retraining.add(new Paragraph("No retraining has been requested for " + name + "."));
            return;
        }
        var grid = new Grid<RetrainingRequest>();
        grid.setId("retraining-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.addColumn(r -> Formats.time(r.requestedAt())).setHeader("Requested").setAutoWidth(true);
        grid.addColumn(r -> "v" + r.version()).setHeader("Version").setAutoWidth(true);
        grid.addColumn(r -> Health.signalName(r.signal())).setHeader("Signal").setAutoWidth(true);
        grid.addComponentColumn(r -> {
            var badge = new Span(r.open() ? "open" : "answered");
            badge.getElement().getThemeList().add(r.open() ? "badge warning" : "badge success");
            return badge;
        }).setHeader("Status").setAutoWidth(true);
        grid.addColumn(r -> r.answeredBy() == null ? "" : r.answeredBy()).setHeader("Answered by")
                .setAutoWidth(true);
        grid.addColumn(r -> evidence(r.evidence())).setHeader("Evidence").setFlexGrow(3)
                .setTooltipGenerator(r -> evidence(r.evidence()));
        grid.setItems(requests);
        retraining.add(grid);
    }

    /** Evidence as the service sent it, in one line: "key value, key value" for an object. */
    public static String evidence(Object evidence) {
        if (evidence == null) {
            return "";
        }
        if (evidence instanceof Map<?, ?> map) {
            var text = new StringBuilder();
            map.forEach((key, value) -> text.append(text.isEmpty() ? "" : ", ").append(key).append(' ')
                    .append(value instanceof Map<?, ?> || value instanceof List<?> ? evidence(value) : value));
            return text.toString();
        }
        if (evidence instanceof List<?> list) {
            return String.join("; ", list.stream().map(MonitoringView::evidence).toList());
        }
        return String.valueOf(evidence);
    }

    private static String state(String state) {
        return state == null ? "" : state.replace('_', ' ').toLowerCase();
    }

    /** The failure in words, without a notification per section (the page would show several at once). */
    private static String explainQuietly(RuntimeException e) {
        if (e instanceof ServiceRefusal refusal) {
            return refusal.plainMessage();
        }
        if (e instanceof org.modelops.portal.governance.ServiceUnavailable unavailable) {
            return unavailable.plainMessage();
        }
        return Feedback.explain(e);
    }
}
