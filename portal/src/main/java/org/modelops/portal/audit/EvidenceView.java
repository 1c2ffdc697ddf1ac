package org.modelops.portal.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.modelops.portal.catalog.ModelView;
import org.modelops.portal.governance.EvidenceBundle;
import org.modelops.portal.governance.GovernanceApi;
import org.modelops.portal.security.Roles;
import org.modelops.portal.shell.Digest;
import org.modelops.portal.shell.Feedback;
import org.modelops.portal.governance.Verdict;
import org.modelops.portal.shell.Formats;
import org.modelops.portal.shell.Verdicts;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.DownloadHandler;

import jakarta.annotation.security.RolesAllowed;

/** The evidence bundle of one version's decision: who approved, on which evidence, under which policy. */
@Route("audit/evidence/:model/:version")
@RolesAllowed({Roles.COMPLIANCE_OFFICER, Roles.GOVERNANCE_ADMIN})
public class EvidenceView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    /** Reads the parts of the bundle the page shows; fields it does not know are for the download, not an error. */
    private static final JsonMapper LENIENT = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final GovernanceApi governance;
    private String title = "Evidence · ModelOps";

    public EvidenceView(GovernanceApi governance) {
        this.governance = governance;
        addClassName("page");
    }

    public static RouteParameters parameter(String model, int version) {
        return new RouteParameters(Map.of("model", model, "version", String.valueOf(version)));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        var model = event.getRouteParameters().get("model").orElse("");
        var version = event.getRouteParameters().getInteger("version").orElse(0);
        title = model + " v" + version + " · Evidence · ModelOps";
        add(new H2("Evidence for " + model + " v" + version));
        EvidenceBundle bundle;
        try {
            bundle = governance.evidenceBundle(model, version);
        } catch (RuntimeException e) {
            add(new Paragraph(Feedback.explain(e)));
            return;
        }
        var fileName = "evidence-" + model + "-" + version + ".json";
        var json = bundle.json();
        var bytes = json.getBytes(StandardCharsets.UTF_8);
        var download = new Anchor(DownloadHandler.fromInputStream(
                request -> new com.vaadin.flow.server.streams.DownloadResponse(new java.io.ByteArrayInputStream(bytes),
                        fileName, "application/json", bytes.length)),
                "Download the bundle (JSON)");
        download.setId("download-evidence");
        download.getElement().setAttribute("download", true);

        add(new Paragraph("State " + bundle.text("state") + (bundle.text("stateReason").isBlank()
                ? ""
                : " (" + bundle.text("stateReason") + ")") + " · risk tier " + bundle.text("riskTier")
                + " · owned by " + bundle.text("ownerTeam") + " · submitted by " + bundle.text("submittedBy")
                + " at " + when(bundle.text("submittedAt"))), download,
                new RouterLink("Model page", ModelView.class, model));

        var hash = bundle.text("evidenceSha256");
        var evidence = new Paragraph();
        evidence.setId("evidence-hash");
        if (hash.isBlank()) {
            evidence.setText("The service did not say which evidence document this bundle is on.");
        } else {
            evidence.add(new Span("Evidence "), new Digest(hash),
                    new Span(" — the SHA-256 of the evidence document below. An approval counts only while it is on"
                            + " this evidence."));
        }
        add(evidence);

        var digests = bundle.section("digests");
        var facts = new Div();
        facts.setId("digests");
        fact(facts, "Artifact", digests.get("artifactUri"), digests.get("artifactSha256"));
        fact(facts, "Training data", null, digests.get("trainingDataSha256"));
        fact(facts, "Evaluation data", null, digests.get("evaluationDataSha256"));
        fact(facts, "Code", digests.get("codeRepository"), digests.get("codeCommit"));
        add(new H3("What was decided on"), facts);

        var policy = bundle.section("policy");
        add(new H3("Under which policy"));
        if (policy.isEmpty()) {
            add(new Paragraph("No policy was pinned for this version."));
        } else {
            var text = new Pre(String.valueOf(policy.getOrDefault("content", "")));
            text.addClassName("evidence");
            add(new Paragraph(policy.get("name") + " v" + policy.get("version") + ", published by "
                    + policy.get("publishedBy") + " at " + when(policy.get("publishedAt")) + ", SHA-256 "
                    + policy.get("sha256")), new Details("Policy text", text));
        }
        var verdicts = new Div();
        verdicts.addClassName("side-by-side");
        verdicts.add(Verdicts.of("Validation", verdict(bundle.section("validation"))),
                Verdicts.of("Champion–challenger", verdict(bundle.section("challenge"))));
        add(new H3("Verdicts"), verdicts);

        add(new H3("Approvers"));
        if (bundle.approvers().isEmpty()) {
            add(new Paragraph("Nobody has decided on this version."));
        } else {
            var approvers = new Grid<Map<String, Object>>();
            approvers.setId("approvers");
            approvers.addThemeVariants(GridVariant.LUMO_COMPACT);
            approvers.setAllRowsVisible(true);
            approvers.addColumn(a -> a.get("username")).setHeader("Who");
            approvers.addColumn(a -> a.get("decision")).setHeader("Decision");
            approvers.addColumn(a -> a.get("comment")).setHeader("Comment").setFlexGrow(3);
            approvers.addColumn(a -> a.get("decidedAt") == null
                    ? ""
                    : when(a.get("decidedAt")))
                    .setHeader("When (UTC)");
            approvers.addColumn(a -> Formats.shortDigest(a.get("evidenceSha256") == null
                    ? null
                    : String.valueOf(a.get("evidenceSha256"))))
                    .setHeader("On evidence")
                    .setTooltipGenerator(a -> a.get("evidenceSha256") == null
                            ? ""
                            : String.valueOf(a.get("evidenceSha256")));
            approvers.addColumn(EvidenceView::counts).setHeader("Counts");
            approvers.setPartNameGenerator(a -> Boolean.FALSE.equals(a.get("current")) ? "stale-approval" : null);
            approvers.setItems(bundle.approvers());
            add(approvers);
        }
        add(new H3("Audit events (" + bundle.auditEvents().size() + ")"));
        var events = new Grid<Map<String, Object>>();
        events.setId("evidence-events");
        events.addThemeVariants(GridVariant.LUMO_COMPACT);
        events.setAllRowsVisible(true);
        events.addColumn(e -> e.get("sequence")).setHeader("#").setAutoWidth(true);
        events.addColumn(e -> e.get("action")).setHeader("Action");
        events.addColumn(e -> e.get("actor")).setHeader("Actor");
        events.addColumn(e -> String.valueOf(e.get("hash"))).setHeader("Hash");
        events.setItems(bundle.auditEvents());
        var raw = new Pre(json);
        raw.addClassName("evidence");
        add(events);
        if (bundle.fields().get("evidenceDocument") instanceof Map<?, ?> document) {
            var text = new Pre(JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(document));
            text.addClassName("evidence");
            add(new Details("The evidence document (what the evidence hash is of)", text));
        }
        add(new Details("The whole bundle, as downloaded", raw));
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    /** Whether an approval still counts: one taken on earlier evidence does not, and says so in words. */
    static String counts(Map<String, Object> approver) {
        return switch (approver.get("current")) {
            case Boolean current when current -> "yes, on the current evidence";
            case Boolean current -> "on earlier evidence — no longer counts";
            case null, default -> "";
        };
    }

    static String when(Object value) {
        if (value instanceof Instant instant) {
            return Formats.time(instant);
        }
        try {
            return Formats.time(Instant.parse(String.valueOf(value)));
        } catch (java.time.format.DateTimeParseException e) {
            return String.valueOf(value);
        }
    }

    private static void fact(Div facts, String label, Object where, Object digest) {
        if (where == null && digest == null) {
            return;
        }
        var line = new Paragraph();
        var name = new Span(label + ": ");
        name.addClassName("font-semibold");
        line.add(name, new Span((where == null ? "" : where + " ") + (digest == null ? "" : "(" + digest + ")")));
        facts.add(line);
    }

    /** The service's verdict as the portal reads it elsewhere; none when the stage has not run. */
    private static Verdict verdict(Map<String, Object> section) {
        return section.isEmpty() ? null : LENIENT.convertValue(section, Verdict.class);
    }
}
