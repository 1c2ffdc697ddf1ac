package org.modelops.governance.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelops.governance.mlflow.model.EvidenceTags;
import org.modelops.governance.mlflow.model.RunEvidence;
import org.modelops.governance.mlflow.model.RunLookup;
import org.modelops.governance.mlflow.model.TrackedRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a version's run from the MLflow tracking server that logged it ({@code governance.mlflow.tracking-url}):
 * {@code GET runs/get} and, for MLflow 3, {@code GET logged-models/{id}}. Never called inside a transaction. A server
 * that is down or refuses is a {@link RunLookup#failed problem} shown on the waiting version, never an error of the
 * create: the MLflow client retries every 5xx for minutes.
 */
@Singleton
public class MlflowTracking {

    private static final Logger LOG = LoggerFactory.getLogger(MlflowTracking.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    MlflowTracking(@Value("${governance.mlflow.tracking-url:}") String url,
            @Value("${governance.mlflow.tracking-token:}") String token,
            @Value("${governance.mlflow.tracking-timeout:10s}") Duration timeout) {
        this.url = url == null ? "" : url.strip().replaceAll("/+$", "");
        this.token = token == null ? "" : token.strip();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public boolean configured() {
        return !url.isEmpty();
    }

    /** The run (and logged model) a version names; {@link RunLookup#NOTHING} without either or without a server. */
    public RunLookup lookup(String runId, String modelId) {
        boolean hasRun = runId != null && !runId.isBlank();
        boolean hasModel = modelId != null && !modelId.isBlank();
        if (!configured() || !hasRun && !hasModel) {
            return RunLookup.NOTHING;
        }
        var from = (hasModel ? "logged model " + modelId : "run " + runId) + " on " + url;
        try {
            var params = new LinkedHashMap<String, String>();
            var metrics = new LinkedHashMap<String, Double>();
            var tags = new LinkedHashMap<String, String>();
            var datasets = new ArrayList<TrackedRun.Dataset>();
            JsonNode model = null;
            if (hasModel) {
                model = get("/api/2.0/mlflow/logged-models/" + URLEncoder.encode(modelId, StandardCharsets.UTF_8)
                        .replace("+", "%20"), "logged model " + modelId).path("model");
                var source = model.path("info").path("source_run_id").asText("");
                if (!hasRun && !source.isEmpty()) {
                    runId = source;
                    hasRun = true;
                    from = "logged model " + modelId + " and its run " + runId + " on " + url;
                }
            }
            if (hasRun) {
                var run = get("/api/2.0/mlflow/runs/get?run_id=" + URLEncoder.encode(runId, StandardCharsets.UTF_8),
                        "run " + runId).path("run");
                pairs(run.path("data").path("params"), params);
                metrics(run.path("data").path("metrics"), metrics);
                pairs(run.path("data").path("tags"), tags);
                for (var input : run.path("inputs").path("dataset_inputs")) {
                    var inputTags = new LinkedHashMap<String, String>();
                    pairs(input.path("tags"), inputTags);
                    var dataset = input.path("dataset");
                    datasets.add(new TrackedRun.Dataset(text(dataset, "name"), text(dataset, "digest"),
                            text(dataset, "source_type"), uri(text(dataset, "source")),
                            inputTags.get(RunEvidence.DATA_CONTEXT)));
                }
            }
            if (model != null) {
                pairs(model.path("data").path("params"), params);
                metrics(model.path("data").path("metrics"), metrics);
                pairs(model.path("info").path("tags"), tags);
            }
            return RunLookup.read(new TrackedRun(hasRun ? runId : null, hasModel ? modelId : null, params, metrics,
                    tags, datasets, slices(tags.get(EvidenceTags.SLICE_METRICS))), from);
        } catch (Unreadable e) {
            return RunLookup.failed(e.getMessage(), from);
        }
    }

    private static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private JsonNode get(String path, String what) throws Unreadable {
        var request = HttpRequest.newBuilder(URI.create(url + path)).timeout(timeout).GET()
                .header("Accept", "application/json");
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.warn("MLflow tracking server {} could not be reached: {}", url, e.toString());
            throw new Unreadable("the tracking server could not be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreadable("interrupted");
        }
        int status = response.statusCode();
        if (status == 404) {
            throw new Unreadable(what + " does not exist there (HTTP 404" + errorCode(response.body()) + ")");
        }
        if (status == 401 || status == 403) {
            throw new Unreadable("the tracking server refused the service's credentials (HTTP " + status
                    + errorCode(response.body()) + "; see governance.mlflow.tracking-token)");
        }
        if (status != 200) {
            throw new Unreadable("the tracking server answered HTTP " + status + errorCode(response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new Unreadable("the tracking server's answer is not JSON");
        }
    }

    private static String errorCode(String body) {
        try {
            var code = JSON.readTree(body).path("error_code").asText("");
            return code.isEmpty() ? "" : " " + code;
        } catch (IOException | RuntimeException notJson) {
            return "";
        }
    }

    private static void pairs(JsonNode list, Map<String, String> into) {
        for (var pair : list) {
            if (pair.hasNonNull("key")) {
                into.put(pair.get("key").asText(), pair.path("value").asText(""));
            }
        }
    }

    private static void metrics(JsonNode list, Map<String, Double> into) {
        var steps = new LinkedHashMap<String, long[]>();
        for (var metric : list) {
            if (!metric.hasNonNull("key")) {
                continue;
            }
            var key = metric.get("key").asText();
            var order = new long[]{metric.path("step").asLong(0), metric.path("timestamp").asLong(0)};
            var seen = steps.get(key);
            if (seen == null || order[0] > seen[0] || order[0] == seen[0] && order[1] >= seen[1]) {
                steps.put(key, order);
                var value = metric.path("value");
                into.put(key, value.isNumber() ? value.asDouble() : parse(value.asText()));
            }
        }
    }

    private static Double parse(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String text(JsonNode node, String field) {
        var value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    /** MLflow keeps a dataset's source as JSON text: {"uri": …} (s3, http, Hugging Face: "url"/"path"). */
    private static String uri(String source) {
        if (source == null || source.isBlank()) {
            return null;
        }
        try {
            var node = JSON.readTree(source);
            for (var field : List.of("uri", "url", "path")) {
                if (node.path(field).isTextual() && !node.path(field).asText().isBlank()) {
                    return node.path(field).asText();
                }
            }
            return null;
        } catch (IOException notJson) {
            return source.matches("[A-Za-z][A-Za-z0-9+.-]*:.+") ? source : null;
        }
    }

    private static Map<String, Map<String, Double>> slices(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            var node = JSON.readTree(text);
            var slices = new LinkedHashMap<String, Map<String, Double>>();
            var fields = node.properties();
            for (var slice : fields) {
                var metrics = new LinkedHashMap<String, Double>();
                for (var metric : slice.getValue().properties()) {
                    if (metric.getValue().isNumber() && Double.isFinite(metric.getValue().asDouble())) {
                        metrics.put(metric.getKey(), metric.getValue().asDouble());
                    }
                }
                slices.put(slice.getKey(), metrics);
            }
            return slices;
        } catch (IOException | RuntimeException malformed) {
            return Map.of();
        }
    }
}
