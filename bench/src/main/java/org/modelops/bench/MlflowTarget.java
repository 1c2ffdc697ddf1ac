package org.modelops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An MLflow-compatible model registry measured beside the service: {@code POST /api/2.0/mlflow/registered-models/create}
 * once per model, then {@code POST /api/2.0/mlflow/model-versions/create} (name, source, a few tags) per operation;
 * only HTTP 200 counts. A plain MLflow server registers the version without governing it; the service's own MLflow
 * API governs it as a submission.
 */
final class MlflowTarget {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final String baseUrl;
    private final ApiTarget tokens;
    private final String fixedToken;
    private final boolean ciToken;
    private final HttpClient adminClient = ApiTarget.newClient();

    /** {@code token}: a bearer token, {@code ci-pipeline} for the ci-pipeline token, or null for none. */
    MlflowTarget(String baseUrl, String token, ApiTarget tokens) {
        this.baseUrl = baseUrl + "/api/2.0/mlflow";
        this.tokens = tokens;
        this.ciToken = "ci-pipeline".equals(token);
        this.fixedToken = ciToken ? null : token;
    }

    void registerModel(String name) throws IOException, InterruptedException {
        var body = Map.of("name", name, "description", "Benchmark model created by org.modelops.bench.",
                "tags", List.of(Map.of("key", "modelops.owner_team", "value", "risk-analytics"),
                        Map.of("key", "modelops.risk_tier", "value", "LOW")));
        var response = adminClient.send(request("/registered-models/create", JSON.writeValueAsString(body)),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("MLflow registered-models/create " + name + " answered HTTP "
                    + response.statusCode() + ": " + ApiTarget.abbreviate(response.body()));
        }
    }

    LoadRunner.WorkerFactory creators(List<String> models) {
        return index -> new Creator(models.get(index % models.size()));
    }

    private HttpRequest request(String path, String body) throws IOException, InterruptedException {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        var token = ciToken ? tokens.token() : fixedToken;
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    private final class Creator implements LoadRunner.Worker {

        private final HttpClient client = ApiTarget.newClient();
        private final String model;
        private long sequence;
        private HttpRequest prepared;

        Creator(String model) {
            this.model = model;
        }

        @Override
        public void prepare() throws Exception {
            var body = new LinkedHashMap<String, Object>();
            body.put("name", model);
            body.put("source", Payload.artifactUri(model, ++sequence));
            body.put("description", "Baseline gradient-boosted model on bureau and application features.");
            body.put("tags", List.of(Map.of("key", "modelops.artifact_sha256", "value", Payload.randomSha256()),
                    Map.of("key", "modelops.framework", "value", "xgboost"),
                    Map.of("key", "modelops.intended_use", "value", "Rank consumer loan applications."),
                    Map.of("key", "modelops.metric.auc", "value", "0.89")));
            prepared = request("/model-versions/create", JSON.writeValueAsString(body));
        }

        @Override
        public String call() throws Exception {
            var response = client.send(prepared, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    ? null
                    : "HTTP " + response.statusCode() + ": " + ApiTarget.abbreviate(response.body());
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
