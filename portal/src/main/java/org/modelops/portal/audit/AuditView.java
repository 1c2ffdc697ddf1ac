package org.modelops.portal.audit;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.modelops.portal.governance.AuditEvent;
import org.modelops.portal.governance.AuditFilter;
import org.modelops.portal.governance.ServiceRefusal;
import org.modelops.portal.governance.GovernanceApi;
import org.modelops.portal.governance.GovernanceApi.ExportFormat;
import org.modelops.portal.governance.IntegrityReport;
import org.modelops.portal.security.Roles;
import org.modelops.portal.shell.BackgroundWork;
import org.modelops.portal.shell.Feedback;
import org.modelops.portal.shell.Formats;
import org.modelops.portal.shell.LazyPages;

import tools.jackson.databind.json.JsonMapper;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;

import jakarta.annotation.security.RolesAllowed;

/** The audit trail, newest first, loaded page by page as the user scrolls; export and integrity check on top. */
@Route("audit")
@PageTitle("Audit trail · ModelOps")
@RolesAllowed({Roles.COMPLIANCE_OFFICER, Roles.GOVERNANCE_ADMIN})
public class AuditView extends VerticalLayout {

    static final String[] ACTIONS = {"model.registered", "model.registration-refused", "model.reclassified",
            "model.reclassification-refused", "version.submitted", "version.state-changed", "policy.pinned",
            "verdict.validation", "verdict.champion-challenger", "evaluation.reported", "approval.decided",
            "approval.refused", "approval.reminded", "approval.escalated", "lifecycle.reopened",
            "promotion.refused", "lifecycle.incident", "rollout.step", "rollout.stopped", "model.rolled-back",
            "version.retired", "policy.published", "access.denied", "access.throttled", "audit.exported",
            "audit.verified", "evidence.exported"};

    private final GovernanceApi governance;
    private final TextField model = new TextField("Model");
    private final TextField actor = new TextField("Actor");
    private final ComboBox<String> action = new ComboBox<>("Action");
    private final DateTimePicker from = new DateTimePicker("From (UTC)");
    private final DateTimePicker to = new DateTimePicker("Until (UTC)");
    private final Grid<AuditEvent> events = new Grid<>(AuditEvent.class, false);
    private final Div integrity = new Div();
    private final Paragraph count = new Paragraph();
    private final Button verify = new Button("Verify integrity", VaadinIcon.SHIELD.create());
    private final BackgroundWork background;
    private Long newestSeen;

    public AuditView(GovernanceApi governance, BackgroundWork background) {
        this.governance = governance;
        this.background = background;
        addClassName("page");
        setSizeFull();

        model.setId("audit-model");
        actor.setId("audit-actor");
        action.setId("audit-action");
        action.setItems(ACTIONS);
        action.setAllowCustomValue(true);
        action.addCustomValueSetListener(custom -> action.setValue(custom.getDetail()));
        action.setClearButtonVisible(true);
        from.setId("audit-from");
        to.setId("audit-to");
        for (var field : new TextField[]{model, actor}) {
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.setClearButtonVisible(true);
            field.addValueChangeListener(e -> refresh());
        }
        action.addValueChangeListener(e -> refresh());
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());

        verify.addClickListener(click -> verify());
        verify.setId("verify");
        verify.setDisableOnClick(true);
        verify.addThemeVariants(ButtonVariant.PRIMARY);
        var csv = download("Export CSV", ExportFormat.CSV, "export-csv");
        var jsonl = download("Export JSON Lines", ExportFormat.JSON_LINES, "export-jsonl");
        var tools = new HorizontalLayout(verify, csv, jsonl);
        tools.setWrap(true);
        tools.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        integrity.setId("integrity");
        integrity.getElement().setAttribute("aria-live", "polite");

        events.setId("audit-events");
        events.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        events.addColumn(AuditEvent::sequence).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        events.addColumn(e -> Formats.time(e.occurredAt())).setHeader("When (UTC)").setAutoWidth(true);
        events.addColumn(AuditEvent::actor).setHeader("Actor").setAutoWidth(true);
        events.addColumn(AuditEvent::action).setHeader("Action").setAutoWidth(true);
        events.addComponentColumn(this::subject).setHeader("Subject").setAutoWidth(true);
        events.addColumn(e -> e.hash().substring(0, 12) + "…").setHeader("Hash").setAutoWidth(true);
        events.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(AuditView::details));
        events.setPageSize(50);
        events.setItems(query -> {
            try {
                var pinned = newestSeen == null ? filter() : filter().upTo(newestSeen);
                return LazyPages.fetch(query.getOffset(), query.getLimit(),
                        (page, size) -> governance.auditEvents(pinned, page, size));
            } catch (RuntimeException e) {
                count.setText(Feedback.explain(e));
                return Stream.empty();
            }
        }, query -> {
            try {
                var newest = governance.auditEvents(filter(), 0, 1);
                var total = newest.total();
                // Events recorded while the user scrolls (their own exports and checks, too) must not shift the
                // pages: every page is read up to the newest event there was when the count was taken.
                newestSeen = newest.items().isEmpty() ? null : newest.items().getFirst().sequence();
                count.setText(total + (total == 1 ? " event matches." : " events match.") + " Newest first.");
                return (int) Math.min(Integer.MAX_VALUE, total);
            } catch (RuntimeException e) {
                count.setText(Feedback.explain(e));
                return 0;
            }
        });
        events.setMinHeight("24em");
        count.setId("audit-count");

        var filters = new HorizontalLayout(model, actor, action, from, to);
        filters.setWrap(true);
        add(new H2("Audit trail"), tools, integrity, filters, count, events);
        expand(events);
    }

    AuditFilter filter() {
        return new AuditFilter(model.getValue(), actor.getValue(), action.getValue(), instant(from.getValue()),
                instant(to.getValue()));
    }

    private void refresh() {
        events.getDataProvider().refreshAll();
    }

    /**
     * Recomputes the whole chain on the service. That takes about a minute per million events, so it runs in the
     * background while the page stays usable and polls for the answer.
     */
    void verify() {
        var ui = UI.getCurrent();
        GovernanceApi worker;
        try {
            worker = governance.forBackgroundWork();
        } catch (RuntimeException e) {
            integrity.setText(Feedback.explain(e));
            verify.setEnabled(true);
            return;
        }
        integrity.setClassName("integrity-running");
        integrity.setText("Checking every event of the trail… (about a minute per million events; you can go on"
                + " working meanwhile)");
        ui.setPollInterval(1000);
        background.start(() -> {
            IntegrityReport report = null;
            RuntimeException failure = null;
            try {
                report = worker.verifyAuditTrail();
            } catch (RuntimeException e) {
                failure = e;
            }
            var outcome = report;
            var problem = failure;
            ui.access(() -> {
                ui.setPollInterval(-1);
                verify.setEnabled(true);
                if (problem != null) {
                    integrity.setClassName("integrity-unknown"); // not checked: says nothing about the chain
                    integrity.setText(Feedback.explain(problem));
                    return;
                }
                show(outcome);
                refresh(); // the check is itself recorded: show it
            });
        });
    }

    private void show(IntegrityReport report) {
        integrity.setClassName(report.ok() ? "integrity-ok" : "integrity-broken");
        if (report.ok()) {
            integrity.setText("Intact: " + report.checked() + " events checked, every hash matches its event and "
                    + "links to the one before.");
        } else {
            integrity.setText("Broken at sequence " + report.firstBrokenSequence() + " after " + report.checked()
                    + " events checked: " + report.problem()
                    + ". Events from there on cannot be trusted; tell your security team.");
        }
    }

    private Anchor download(String label, ExportFormat format, String id) {
        var handler = DownloadHandler.fromInputStream(event -> {
            var ui = event.getUI();
            var filter = new AtomicReference<AuditFilter>();
            ui.accessSynchronously(() -> filter.set(filter()));
            try {
                var file = governance.exportAuditTrail(filter.get(), format);
                ui.access(this::refresh); // the export is recorded: show it with the next update
                return new DownloadResponse(file.content(), file.fileName(), file.mediaType(), -1);
            } catch (RuntimeException e) {
                // The browser only says the download failed; the page says why on its next update.
                ui.access(() -> count.setText(Feedback.explain(e)));
                return DownloadResponse.error(e instanceof ServiceRefusal refusal ? refusal.status() : 502);
            }
        });
        var anchor = new Anchor(handler, label);
        anchor.setId(id);
        anchor.getElement().setAttribute("download", true);
        return anchor;
    }

    private com.vaadin.flow.component.Component subject(AuditEvent event) {
        var id = event.subjectId() == null ? "" : event.subjectId();
        var slash = id.lastIndexOf('/');
        if ("model-version".equals(event.subjectType()) && slash > 0) {
            try {
                var version = Integer.parseInt(id.substring(slash + 1));
                return new RouterLink(id, EvidenceView.class, EvidenceView.parameter(id.substring(0, slash), version));
            } catch (NumberFormatException e) {
                return new com.vaadin.flow.component.html.Span(id);
            }
        }
        return new com.vaadin.flow.component.html.Span(event.subjectType() + " " + id);
    }

    private static Pre details(AuditEvent event) {
        var text = "roles: " + String.join(", ", event.actorRoles()) + "\ndetails: "
                + JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(event.details())
                + "\ncorrelation: " + event.correlation() + "\nprevious hash: " + event.previousHash() + "\nhash: "
                + event.hash();
        var pre = new Pre(text);
        pre.addClassName("evidence");
        return pre;
    }

    private static java.time.Instant instant(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
