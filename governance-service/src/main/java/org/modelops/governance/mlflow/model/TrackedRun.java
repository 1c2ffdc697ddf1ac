package org.modelops.governance.mlflow.model;

import java.util.List;
import java.util.Map;

/**
 * What an MLflow tracking server holds about the run (and, for MLflow 3, the logged model) a version was created
 * from: {@code runs/get} and {@code logged-models/{id}}. Absent parts are empty.
 *
 * @param runId the run read ({@code run_id}, else the logged model's {@code source_run_id}); null when none
 * @param modelId the logged model read; null when none
 * @param sliceMetrics the run's or logged model's tag {@code modelops.slice_metrics}, parsed; empty when none
 */
public record TrackedRun(String runId, String modelId, Map<String, String> params, Map<String, Double> metrics,
        Map<String, String> tags, List<Dataset> datasets, Map<String, Map<String, Double>> sliceMetrics) {

    public TrackedRun {
        params = params == null ? Map.of() : Map.copyOf(params);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
        sliceMetrics = sliceMetrics == null ? Map.of() : Map.copyOf(sliceMetrics);
    }

    /**
     * A dataset logged as the run's input ({@code mlflow.log_input}): its {@code digest}, its {@code source} (a JSON
     * text in MLflow, e.g. {@code {"uri": "s3://…"}}, read as its URI; null when it names none) and the
     * {@code mlflow.data.context} tag ({@code training}, {@code evaluation} …; null when not given).
     */
    public record Dataset(String name, String digest, String sourceType, String uri, String context) {
    }
}
