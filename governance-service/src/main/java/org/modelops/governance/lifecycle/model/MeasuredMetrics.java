package org.modelops.governance.lifecycle.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a version was measured on: its submission's metrics on its evaluation dataset, then its evaluation reports in
 * the order they arrived. On each dataset the newest measurement counts.
 */
public record MeasuredMetrics(String submissionDatasetSha256, Map<String, Double> submissionMetrics,
        List<EvaluationReport> reports) {

    public MeasuredMetrics {
        submissionMetrics = submissionMetrics == null ? Map.of() : Map.copyOf(submissionMetrics);
        reports = reports == null ? List.of() : List.copyOf(reports);
    }

    /** Dataset digest → the newest metrics on it, in the order the datasets were first measured. */
    public Map<String, Map<String, Double>> newestByDataset() {
        var newest = new LinkedHashMap<String, Map<String, Double>>();
        if (submissionDatasetSha256 != null) {
            newest.put(submissionDatasetSha256, submissionMetrics);
        }
        for (var report : reports) {
            newest.put(report.datasetSha256(), report.metrics());
        }
        return newest;
    }

    /** The newest report on each dataset: the ones validation judges besides the submission. */
    public List<EvaluationReport> newestReports() {
        var newest = new LinkedHashMap<String, EvaluationReport>();
        for (var report : reports) {
            newest.remove(report.datasetSha256());
            newest.put(report.datasetSha256(), report);
        }
        return List.copyOf(newest.values());
    }
}
