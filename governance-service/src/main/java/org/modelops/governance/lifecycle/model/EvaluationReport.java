package org.modelops.governance.lifecycle.model;

import java.time.Instant;
import java.util.Map;

/** Metrics of a version measured on one evaluation dataset (by digest), reported after the submission. */
public record EvaluationReport(long id, String datasetUri, String datasetSha256, Map<String, Double> metrics,
        Map<String, Map<String, Double>> sliceMetrics, String reportedBy, Instant reportedAt) {

    public EvaluationReport {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        sliceMetrics = sliceMetrics == null ? Map.of() : Map.copyOf(sliceMetrics);
    }
}
