package org.modelops.governance.lifecycle.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelops.audit.CanonicalForm;
import org.modelops.governance.policy.model.PolicyVerdict;
import org.modelops.governance.policy.model.RuleResult;
import org.modelops.governance.registry.model.CodeReference;
import org.modelops.governance.registry.model.DataReference;
import org.modelops.governance.registry.model.Sha256;
import org.modelops.governance.registry.model.VersionEvidence;
import org.modelops.governance.shared.Digests;

class DecisionEvidenceTest {

    private static final PolicyVerdict PASSED = PolicyVerdict.of("validation", List.of(RuleResult.pass("kpi:auc",
            "kpi", 0.9, ">= 0.8", "auc is 0.9, within >= 0.8")));

    private static VersionEvidence evidence(Map<String, Double> metrics) {
        return new VersionEvidence("s3://m/1.onnx", new Sha256("a".repeat(64)), "xgboost", "d", "use",
                new DataReference("s3://train", new Sha256("b".repeat(64))),
                new DataReference("s3://eval", new Sha256("c".repeat(64))), new CodeReference("https://git/x", "abc"),
                Map.of("max_depth", 6), metrics, Map.of("gender=F", Map.of("recall", 0.8)), Map.of("team", "risk"));
    }

    private static DecisionEvidence document(String riskTier, List<EvaluationReport> reports, Integer champion) {
        return new DecisionEvidence("credit-risk", 2, riskTier, "risk-analytics", evidence(Map.of("auc", 0.9, "f1",
                0.7)), reports, new DecisionEvidence.PolicyRef("high-risk", 1, "f".repeat(64)), PASSED, null,
                champion, null);
    }

    @Test
    void theHashIsSha256OfTheCanonicalDocumentAndDoesNotDependOnMapOrder() {
        var one = document("HIGH", List.of(), 1);
        var metrics = new HashMap<String, Double>();
        metrics.put("f1", 0.7);
        metrics.put("auc", 0.9);
        var two = new DecisionEvidence("credit-risk", 2, "HIGH", "risk-analytics", evidence(metrics), List.of(),
                new DecisionEvidence.PolicyRef("high-risk", 1, "f".repeat(64)), PASSED, null, 1, null);
        assertThat(one.sha256()).isEqualTo(two.sha256()).hasSize(64);
        assertThat(one.sha256()).isEqualTo(Digests.sha256Hex(CanonicalForm.canonical(one.document())));
        assertThat(CanonicalForm.canonical(one.document())).contains("\"auc\":0.9,\"f1\":0.7");
    }

    @Test
    void aNewReportANewChampionOrAReclassificationChangesTheHash() {
        var base = document("HIGH", List.of(), 1).sha256();
        var report = new EvaluationReport(7, "s3://eval2", "d".repeat(64), Map.of("auc", 0.7), Map.of(), "erin",
                Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(document("HIGH", List.of(report), 1).sha256()).isNotEqualTo(base);
        assertThat(document("HIGH", List.of(), 2).sha256()).isNotEqualTo(base);
        assertThat(document("HIGH", List.of(), null).sha256()).isNotEqualTo(base);
        assertThat(document("MEDIUM", List.of(), 1).sha256()).isNotEqualTo(base);
    }
}
