package org.modelops.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelops.portal.testing.Grids.column;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.modelops.portal.governance.EvidenceBundle;
import org.modelops.portal.shell.Digest;
import org.modelops.portal.testing.FakeGovernanceApi;
import org.modelops.portal.testing.Persona;
import org.modelops.portal.testing.PortalUi;

import tools.jackson.databind.json.JsonMapper;

import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;

class EvidenceViewTest {

    private static final String CURRENT = "1a2b3c4d" + "f".repeat(56);
    private static final String OLDER = "0badc0de" + "0".repeat(56);

    /** A bundle in the shape the service answers (EvidenceController.Bundle), read as HttpGovernanceApi reads it. */
    private static final String BUNDLE = """
            {"model": "credit-score", "version": 4, "state": "CHAMPION", "stateReason": "first champion",
             "riskTier": "HIGH", "ownerTeam": "risk-team", "submittedBy": "erin",
             "submittedAt": "2026-03-02T09:00:00Z", "metrics": {"auc": 0.91}, "sliceMetrics": {},
             "digests": {"artifactUri": "s3://models/credit/4/model.onnx", "artifactSha256": "%s",
                         "trainingDataSha256": "%s", "evaluationDataSha256": "%s",
                         "codeRepository": "https://git.example.com/risk/credit", "codeCommit": "a1b2c3d"},
             "policy": {"name": "high-risk", "version": 2, "sha256": "%s", "content": "name: high-risk\\nkpis: {}",
                        "publishedAt": "2026-01-10T08:00:00Z", "publishedBy": "ada"},
             "validation": {"stage": "validation", "outcome": "PASSED", "rules": [{"rule": "kpi:auc",
                            "kind": "kpi", "passed": true, "actual": "0.91", "threshold": ">= 0.8",
                            "message": "auc is 0.91, within >= 0.8", "severity": "blocking"}]},
             "challenge": {"stage": "champion-challenger", "outcome": "SKIPPED", "rules": [{"rule": "champion",
                           "kind": "champion", "passed": true, "actual": "none", "threshold": "-",
                           "message": "the model has no champion yet: nothing to compare with"}]},
             "championVersion": null,
             "approvers": [{"username": "dana", "subject": "f3a1", "decision": "APPROVE",
                            "comment": "Evidence complete", "decidedAt": "2026-03-02T09:05:00Z", "task": "t1",
                            "evidenceSha256": "%s", "current": false},
                           {"username": "dave", "subject": "b7c2", "decision": "APPROVE", "comment": null,
                            "decidedAt": "2026-03-02T10:00:00Z", "task": "t2", "evidenceSha256": "%s",
                            "current": true}],
             "auditEvents": [{"sequence": 7, "occurredAt": "2026-03-02T09:00:00Z", "actor": "erin",
                              "action": "version.submitted", "details": {}, "hash": "%s"}],
             "evidenceSha256": "%s",
             "evidenceDocument": {"model": "credit-score", "version": 4, "riskTier": "HIGH"}}
            """.formatted("a".repeat(64), "b".repeat(64), "c".repeat(64), "d".repeat(64), OLDER, CURRENT,
            "e".repeat(64), CURRENT);

    private final FakeGovernanceApi governance = new FakeGovernanceApi();
    private PortalUi portal;

    @AfterEach
    void close() {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void whoApprovedWhenAndWithWhichCommentIsShown() {
        open();

        Grid<?> approvers = portal.ui().find(Grid.class).id("approvers");
        var grid = portal.ui().test(approvers);
        assertThat(grid.size()).isEqualTo(2);
        assertThat(grid.getCellText(0, column(approvers, "Who"))).isEqualTo("dana");
        assertThat(grid.getCellText(0, column(approvers, "Comment"))).isEqualTo("Evidence complete");
        assertThat(grid.getCellText(0, column(approvers, "When (UTC)"))).isEqualTo("2026-03-02 09:05:00 UTC");
        assertThat(grid.getCellText(1, column(approvers, "Who"))).isEqualTo("dave");
    }

    @Test
    void theEvidenceHashIsShownShortWithTheFullValueAtHand() {
        open();

        assertThat(portal.ui().find(Paragraph.class).id("evidence-hash").getElement().getTextRecursively())
                .startsWith("Evidence 1a2b3c4d… — the SHA-256 of the evidence document below.");
        assertThat(portal.ui().find(Digest.class).first().fullValue()).isEqualTo(CURRENT);
        var document = portal.ui().find(Details.class).all().stream()
                .filter(details -> details.getSummaryText().startsWith("The evidence document"))
                .findFirst()
                .orElseThrow();
        assertThat(document.getContent().findFirst().orElseThrow()).isInstanceOfSatisfying(Pre.class,
                pre -> assertThat(pre.getText()).contains("\"riskTier\" : \"HIGH\""));
    }

    @Test
    void anApprovalOnEarlierEvidenceIsMarkedAsNoLongerCounting() {
        open();

        Grid<?> approvers = portal.ui().find(Grid.class).id("approvers");
        var grid = portal.ui().test(approvers);
        assertThat(grid.getCellText(0, column(approvers, "Counts")))
                .isEqualTo("on earlier evidence — no longer counts");
        assertThat(grid.getCellText(0, column(approvers, "On evidence"))).isEqualTo("0badc0de…");
        assertThat(grid.getCellText(1, column(approvers, "Counts"))).isEqualTo("yes, on the current evidence");
        assertThat(grid.getCellText(1, column(approvers, "On evidence"))).isEqualTo("1a2b3c4d…");
    }

    @Test
    void anApproverWithoutAnEvidenceHashIsNotMarkedEitherWay() {
        assertThat(EvidenceView.counts(Map.of("username", "old"))).isEmpty();
    }

    @Test
    void theDigestsThePolicyAndTheVerdictsAreReadableWithoutTheRawJson() {
        open();

        var digests = portal.ui().find(Div.class).id("digests").getElement().getTextRecursively();
        assertThat(digests).contains("s3://models/credit/4/model.onnx (" + "a".repeat(64) + ")")
                .contains("Training data: (" + "b".repeat(64) + ")")
                .contains("https://git.example.com/risk/credit (a1b2c3d)");
        var policyText = portal.ui().find(Details.class).all().stream()
                .filter(details -> "Policy text".equals(details.getSummaryText()))
                .findFirst()
                .orElseThrow();
        assertThat(policyText.getContent().findFirst().orElseThrow()).isInstanceOfSatisfying(Pre.class,
                pre -> assertThat(pre.getText()).startsWith("name: high-risk"));
        var texts = portal.ui().find(Span.class).all().stream().map(Span::getText).toList();
        assertThat(texts).contains("Passed", "Not applicable", "auc is 0.91, within >= 0.8");
        assertThat(governance.calls("evidenceBundle")).singleElement();
    }

    @SuppressWarnings("unchecked")
    private void open() {
        var fields = JsonMapper.shared().readValue(BUNDLE, Map.class);
        governance.evidence = new EvidenceBundle(fields, BUNDLE);
        portal = PortalUi.as(Persona.carl(), governance);
        portal.ui().navigate(EvidenceView.class, Map.of("model", "credit-score", "version", "4"));
    }
}
