package org.modelops.governance.lifecycle.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.modelops.audit.CanonicalForm;
import org.modelops.governance.policy.model.PolicyVerdict;
import org.modelops.governance.policy.model.VerdictDocuments;
import org.modelops.governance.registry.model.VersionEvidence;
import org.modelops.governance.shared.Digests;

/**
 * Everything a person decides on when approving a version, as one document: the model's classification, the version's
 * submitted evidence, its evaluation reports, both verdicts, the champion it was compared with and that comparison's
 * numbers, and the policy version. Its SHA-256 over RFC 8785 canonical JSON (the audit trail's canonical form) binds
 * every approval: when any part changes, the hash changes and earlier approvals no longer count.
 */
public record DecisionEvidence(String model, int version, String riskTier, String ownerTeam,
        VersionEvidence evidence, List<EvaluationReport> reports, PolicyRef policy, PolicyVerdict validation,
        PolicyVerdict challenge, Integer championVersion, Comparison comparison) {

    /** The policy version the lifecycle is pinned to. */
    public record PolicyRef(String name, Integer version, String sha256) {
    }

    public DecisionEvidence {
        reports = reports == null ? List.of() : List.copyOf(reports);
    }

    public String sha256() {
        return Digests.sha256Hex(CanonicalForm.canonical(document()));
    }

    /** The document as plain maps and lists; what {@link #sha256()} hashes and the evidence bundle shows. */
    public Map<String, Object> document() {
        var document = new LinkedHashMap<String, Object>();
        document.put("model", model);
        document.put("version", version);
        document.put("riskTier", riskTier);
        document.put("ownerTeam", ownerTeam);
        document.put("evidence", evidence(evidence));
        document.put("evaluationReports", reports.stream().map(DecisionEvidence::report).toList());
        var pinned = new LinkedHashMap<String, Object>();
        pinned.put("name", policy.name());
        pinned.put("version", policy.version());
        pinned.put("sha256", policy.sha256());
        document.put("policy", pinned);
        document.put("validation", validation == null ? null : VerdictDocuments.toMap(validation));
        document.put("challenge", challenge == null ? null : VerdictDocuments.toMap(challenge));
        document.put("championVersion", championVersion);
        document.put("comparison", comparison == null ? null : comparison.toMap());
        return document;
    }

    private static Map<String, Object> evidence(VersionEvidence evidence) {
        var map = new LinkedHashMap<String, Object>();
        map.put("artifactUri", evidence.artifactUri());
        map.put("artifactSha256", evidence.artifactSha256().hex());
        map.put("framework", evidence.framework());
        map.put("description", evidence.description());
        map.put("intendedUse", evidence.intendedUse());
        map.put("trainingData", evidence.trainingData() == null
                ? null
                : Map.of("uri", evidence.trainingData().uri(),
                        "sha256", evidence.trainingData().sha256().hex()));
        map.put("evaluationData", evidence.evaluationData() == null
                ? null
                : Map.of("uri",
                        evidence.evaluationData().uri(), "sha256", evidence.evaluationData().sha256().hex()));
        map.put("code", evidence.code() == null
                ? null
                : Map.of("repository", evidence.code().repository(), "commit",
                        evidence.code().commit()));
        map.put("params", new TreeMap<>(evidence.params()));
        map.put("metrics", new TreeMap<>(evidence.metrics()));
        map.put("sliceMetrics", slices(evidence.sliceMetrics()));
        map.put("tags", new TreeMap<>(evidence.tags()));
        return map;
    }

    private static Map<String, Object> report(EvaluationReport report) {
        var map = new LinkedHashMap<String, Object>();
        map.put("id", report.id());
        map.put("datasetUri", report.datasetUri());
        map.put("datasetSha256", report.datasetSha256());
        map.put("metrics", new TreeMap<>(report.metrics()));
        map.put("sliceMetrics", slices(report.sliceMetrics()));
        map.put("reportedBy", report.reportedBy());
        map.put("reportedAt", report.reportedAt().toString());
        return map;
    }

    private static Map<String, Object> slices(Map<String, Map<String, Double>> slices) {
        var map = new TreeMap<String, Object>();
        slices.forEach((slice, metrics) -> map.put(slice, new TreeMap<>(metrics)));
        return map;
    }
}
