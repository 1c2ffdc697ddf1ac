package org.modelops.governance.registry.model;

import java.util.Map;

/**
 * What a version was submitted with; the decisions about it are taken on this evidence and the audit trail points
 * back to it. Optional parts are null (or empty maps) when not given.
 */
public record VersionEvidence(String artifactUri, Sha256 artifactSha256, String framework, String description,
        String intendedUse, DataReference trainingData, DataReference evaluationData, CodeReference code,
        Map<String, Object> params, Map<String, Double> metrics, Map<String, Map<String, Double>> sliceMetrics,
        Map<String, String> tags) {

    public VersionEvidence {
        params = params == null ? Map.of() : Map.copyOf(params);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        sliceMetrics = sliceMetrics == null ? Map.of() : Map.copyOf(sliceMetrics);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        metrics.forEach((name, value) -> {
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("metric " + name + " must be a finite number");
            }
        });
    }
}
