package org.modelops.governance.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelops.governance.mlflow.GoldenExchanges.assertSameShape;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.modelops.governance.lifecycle.Lifecycles;
import org.modelops.governance.testing.Api;
import org.modelops.governance.testing.ServiceTest;

/**
 * A version created with a run_id / model_id gets its evidence from the MLflow tracking server that logged the run.
 * The tracking server is a foreign system: a stand-in (JDK HttpServer) answers {@code runs/get} and
 * {@code logged-models/{id}} in MLflow 3.10's shapes; the database, the engine and the tokens are real.
 */
@MicronautTest
class MlflowRunEvidenceContractTest extends ServiceTest {

    private static final String MLFLOW = "/api/2.0/mlflow/";
    private static final String TRACKING_TOKEN = "tracking-token-for-the-service";
    private static final String SHA_TRAIN = "a".repeat(64);
    private static final String SHA_EVAL = "b".repeat(64);
    private static final String SHA_MODEL = "c".repeat(64);

    /** The stand-in tracking server: run id or model id to the JSON it answers; an id mapped to "503" fails. */
    private static final Map<String, String> RUNS = new ConcurrentHashMap<>();
    private static final Map<String, String> MODELS = new ConcurrentHashMap<>();
    private static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();
    private static final HttpServer TRACKING = tracking();

    private static HttpServer tracking() {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/2.0/mlflow/runs/get", exchange -> {
                var query = exchange.getRequestURI().getRawQuery();
                var runId = URLDecoder.decode(query.substring(query.indexOf("run_id=") + 7), StandardCharsets.UTF_8);
                answer(exchange, RUNS.get(runId), "Run with id=" + runId + " not found");
            });
            server.createContext("/api/2.0/mlflow/logged-models/", exchange -> {
                var id = exchange.getRequestURI().getPath().substring("/api/2.0/mlflow/logged-models/".length());
                answer(exchange, MODELS.get(id), "Logged model with ID '" + id + "' not found.");
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange exchange, String json, String notFound) throws IOException {
        AUTHORIZATIONS.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        int status = json == null ? 404 : json.equals("503") ? 503 : 200;
        var body = switch (status) {
            case 404 -> "{\"error_code\": \"RESOURCE_DOES_NOT_EXIST\", \"message\": \"" + notFound + "\"}";
            case 503 -> "<html>Service Unavailable</html>";
            default -> json;
        };
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status == 503 ? "text/html" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        properties.put("governance.mlflow.tracking-url", "http://127.0.0.1:" + TRACKING.getAddress().getPort()
                + "/");
        properties.put("governance.mlflow.tracking-token", TRACKING_TOKEN);
        return properties;
    }

    /** {@code runs/get} as MLflow 3.10 answers it (mlflow/protos/service.proto Run: info, data, inputs, outputs). */
    private static String run(String runId, String metrics, String tags, String datasets) {
        return "{\"run\": {\"info\": {\"run_uuid\": \"" + runId + "\", \"experiment_id\": \"1\", \"run_name\":"
                + " \"bold-fox-42\", \"user_id\": \"erin\", \"status\": \"FINISHED\", \"start_time\": 1764580000000,"
                + " \"end_time\": 1764580060000, \"artifact_uri\": \"mlflow-artifacts:/1/" + runId + "/artifacts\","
                + " \"lifecycle_stage\": \"active\", \"run_id\": \"" + runId + "\"}, \"data\": {\"metrics\": ["
                + metrics + "], \"params\": [{\"key\": \"max_depth\", \"value\": \"8\"}, {\"key\": \"solver\","
                + " \"value\": \"lbfgs\"}], \"tags\": [" + tags + "]}, \"inputs\": {\"dataset_inputs\": [" + datasets
                + "]}, \"outputs\": {\"model_outputs\": [{\"model_id\": \"m-" + runId + "\", \"step\": 0}]}}}";
    }

    private static String metric(String key, double value, int step) {
        return "{\"key\": \"" + key + "\", \"value\": " + value + ", \"timestamp\": 1764580050000, \"step\": " + step
                + "}";
    }

    private static String tag(String key, String value) {
        return "{\"key\": \"" + key + "\", \"value\": \"" + value + "\"}";
    }

    private static String dataset(String name, String digest, String uri, String context) {
        return "{\"tags\": [" + tag("mlflow.data.context", context) + "], \"dataset\": {\"name\": \"" + name
                + "\", \"digest\": \"" + digest + "\", \"source_type\": \"s3\", \"source\": \"{\\\"uri\\\": \\\""
                + uri + "\\\"}\", \"schema\": \"{}\", \"profile\": \"{\\\"num_rows\\\": 1000}\"}}";
    }

    /** {@code logged-models/{id}} as MLflow 3.10 answers it (LoggedModel: info, data). */
    private static String loggedModel(String modelId, String runId, String tags) {
        return "{\"model\": {\"info\": {\"model_id\": \"" + modelId + "\", \"experiment_id\": \"1\", \"name\":"
                + " \"model\", \"creation_timestamp_ms\": 1764580010000, \"last_updated_timestamp_ms\":"
                + " 1764580070000, \"artifact_uri\": \"mlflow-artifacts:/1/models/" + modelId + "/artifacts\","
                + " \"status\": \"LOGGED_MODEL_READY\", \"creator_id\": \"1\", \"model_type\": \"sklearn\","
                + " \"source_run_id\": \"" + runId + "\", \"tags\": [" + tags + "]}, \"data\": {\"params\": [],"
                + " \"metrics\": []}}}";
    }

    private static final String COMPLETE_TAGS = String.join(", ", tag("mlflow.source.git.commit", "a1b2c3d"),
            tag("mlflow.source.git.repoURL", "https://git.example.com/risk/credit"),
            tag("mlflow.note.content", "Monthly retrain"), tag("modelops.intended_use", "Consumer loans up to 50k"),
            tag("modelops.slice_metrics", "{\\\"gender=F\\\": {\\\"recall\\\": 0.81}, \\\"gender=M\\\":"
                    + " {\\\"recall\\\": 0.83}}"));

    private Api.Response post(String path, String body) {
        return api().post(MLFLOW + path, erin(), body);
    }

    private JsonNode version(String name, String version) {
        var found = api().get(MLFLOW + "model-versions/get?name=" + name + "&version=" + version, erin());
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return found.json().path("model_version");
    }

    private JsonNode awaitRegistration(String name, String version) {
        var deadline = Instant.now().plus(Duration.ofSeconds(40));
        JsonNode current;
        do {
            current = version(name, version);
            if (!"PENDING_REGISTRATION".equals(current.path("status").asText())
                    || current.path("status_message").asText().startsWith("Waiting for evidence")) {
                return current;
            }
            Lifecycles.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("version " + name + "/" + version + " stayed PENDING_REGISTRATION: " + current);
    }

    private String highRiskModel() {
        var name = uniqueName("mlr") + "-credit";
        var created = post("registered-models/create", "{\"name\": \"" + name + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return name;
    }

    private static String tagValue(JsonNode entity, String key) {
        for (var tag : entity.path("tags")) {
            if (tag.path("key").asText().equals(key)) {
                return tag.path("value").asText();
            }
        }
        return null;
    }

    private List<JsonNode> audit(String model, String action) {
        var found = api().get("/api/v1/audit?model=" + model + "&action=" + action, IDP.tokenFor("carl",
                "compliance-officer"));
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        var events = new java.util.ArrayList<JsonNode>();
        found.json().path("items").forEach(events::add);
        return events;
    }

    @Test
    void aLoggedModelsRunProvidesTheWholeEvidence() {
        var name = highRiskModel();
        var runId = "run" + name.hashCode();
        var modelId = "m-" + runId;
        RUNS.put(runId, run(runId, String.join(", ", metric("auc", 0.70, 0), metric("auc", 0.91, 9),
                metric("f1", 0.78, 9)), COMPLETE_TAGS,
                String.join(", ", dataset("train", SHA_TRAIN,
                        "s3://data/train.parquet", "training"),
                        dataset("holdout", SHA_EVAL, "s3://data/eval.parquet",
                                "evaluation"))));
        MODELS.put(modelId, loggedModel(modelId, runId, tag("modelops.artifact_sha256", SHA_MODEL)));

        // what mlflow.register_model("models:/m-…", name) sends: no tags at all
        var created = post("model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"models:/" + modelId
                + "\", \"model_id\": \"" + modelId + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertSameShape(GoldenExchanges.get(9), created);
        var registered = awaitRegistration(name, "1");
        assertThat(registered.path("status").asText()).as(registered.toString()).isEqualTo("READY");
        assertThat(registered.path("model_id").asText()).isEqualTo(modelId);
        assertThat(AUTHORIZATIONS).contains("Bearer " + TRACKING_TOKEN);

        var governed = api().get("/api/v1/models/" + name + "/versions/1", erin()).json();
        var evidence = governed.has("evidence") ? governed.path("evidence") : governed;
        assertThat(evidence.toString()).contains(SHA_MODEL, SHA_TRAIN, SHA_EVAL, "s3://data/train.parquet",
                "a1b2c3d", "Monthly retrain", "Consumer loans up to 50k");
        assertThat(evidence.path("metrics").path("auc").asDouble()).as("the latest step's value").isEqualTo(0.91);
        assertThat(audit(name, "version.submitted").getFirst().path("details").path("run").path("runId").asText())
                .isEqualTo(runId);
    }

    @Test
    void missingEvidenceKeepsTheVersionWaitingUntilTagsSupplyIt() {
        var name = highRiskModel();
        var runId = "run" + name.hashCode();
        // MLflow's own dataset digest is a short content hash, not a SHA-256; f1 was never logged
        RUNS.put(runId, run(runId, metric("auc", 0.91, 0), COMPLETE_TAGS, String.join(", ", dataset("train",
                SHA_TRAIN, "s3://data/train.parquet", "training"),
                dataset("holdout", "3f2a9c1d",
                        "s3://data/eval.parquet", "evaluation"))));

        var created = post("model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"runs:/" + runId
                + "/model\", \"run_id\": \"" + runId + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertSameShape(GoldenExchanges.get(9), created);
        var waiting = created.json().path("model_version");
        assertThat(waiting.path("status").asText()).isEqualTo("PENDING_REGISTRATION");
        assertThat(waiting.path("status_message").asText()).contains("high-risk", "modelops.artifact_sha256",
                "required-metadata:evaluationData", "3f2a9c1d", "not a SHA-256", "kpi:f1",
                "mlflow.log_metric(\"f1\"").doesNotContain("kpi:auc", "required-metadata:trainingData");
        assertThat(tagValue(waiting, "modelops.awaiting_evidence")).isEqualTo("true");
        assertThat(audit(name, "mlflow.version-awaiting-evidence")).hasSize(1);
        assertThat(api().get("/api/v1/models/" + name + "/versions/1", erin()).status())
                .as("no lifecycle runs before the evidence is complete").isEqualTo(404);

        var retried = post("model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"runs:/" + runId
                + "/model\", \"run_id\": \"" + runId + "\"}");
        assertThat(retried.json().path("model_version").path("version").asText()).isEqualTo("1");
        var searched = api().get(MLFLOW + "model-versions/search?filter=" + java.net.URLEncoder.encode("run_id = '"
                + runId + "'", StandardCharsets.UTF_8), erin());
        assertThat(searched.json().path("model_versions").size()).isEqualTo(1);

        long before = version(name, "1").path("last_updated_timestamp").asLong();
        for (var tag : List.of(List.of("modelops.artifact_sha256", SHA_MODEL), List.of(
                "modelops.evaluation_data_sha256", SHA_EVAL),
                List.of("modelops.evaluation_data_uri",
                        "s3://data/eval.parquet"))) {
            Lifecycles.sleep(5);
            var set = post("model-versions/set-tag", "{\"name\": \"" + name + "\", \"version\": \"1\", \"key\": \""
                    + tag.get(0) + "\", \"value\": \"" + tag.get(1) + "\"}");
            assertThat(set.status()).as(set.body()).isEqualTo(200);
        }
        var still = version(name, "1");
        assertThat(still.path("status").asText()).isEqualTo("PENDING_REGISTRATION");
        assertThat(still.path("status_message").asText()).contains("kpi:f1").doesNotContain(
                "modelops.artifact_sha256 on the version", "required-metadata:evaluationData");
        assertThat(still.path("last_updated_timestamp").asLong()).isGreaterThan(before);

        var outsider = api().post(MLFLOW + "model-versions/set-tag", IDP.tokenForTeamMember("mo",
                List.of("payments-security"), "ml-engineer"),
                "{\"name\": \"" + name + "\", \"version\": \"1\","
                        + " \"key\": \"modelops.metric.f1\", \"value\": \"0.99\"}");
        assertThat(outsider.status()).as("evidence comes from the owner team").isEqualTo(403);
        assertThat(outsider.field("error_code")).isEqualTo("PERMISSION_DENIED");

        var malformed = post("model-versions/set-tag", "{\"name\": \"" + name + "\", \"version\": \"1\", \"key\":"
                + " \"modelops.metric.f1\", \"value\": \"high\"}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.field("message")).contains("modelops.metric.f1");

        assertThat(post("model-versions/set-tag", "{\"name\": \"" + name + "\", \"version\": \"1\", \"key\":"
                + " \"modelops.metric.f1\", \"value\": \"0.78\"}").status()).isEqualTo(200);
        var registered = awaitRegistration(name, "1");
        assertThat(registered.path("status").asText()).as(registered.toString()).isEqualTo("READY");
        assertThat(tagValue(registered, "modelops.metric.f1")).isEqualTo("0.78");
        assertThat(audit(name, "mlflow.evidence-tag-set")).hasSize(4);
        var submitted = audit(name, "version.submitted").getFirst().path("details");
        assertThat(submitted.path("awaitingSince").asText()).isNotEmpty();
        assertThat(submitted.path("evaluationDataSha256").asText()).isEqualTo(SHA_EVAL);
    }

    @Test
    void aTrackingServerThatIsDownIsAWaitingVersionWithTheReasonNeverA5xx() {
        var name = highRiskModel();
        var runId = "run" + name.hashCode();
        RUNS.put(runId, "503");
        var body = "{\"name\": \"" + name + "\", \"source\": \"runs:/" + runId + "/model\", \"run_id\": \"" + runId
                + "\", \"tags\": [{\"key\": \"modelops.artifact_sha256\", \"value\": \"" + SHA_MODEL + "\"}]}";
        var created = post("model-versions/create", body);
        assertThat(created.status()).as("the MLflow client retries every 5xx seven times").isEqualTo(200);
        var waiting = created.json().path("model_version");
        assertThat(waiting.path("status").asText()).isEqualTo("PENDING_REGISTRATION");
        assertThat(waiting.path("status_message").asText()).contains("run " + runId, "HTTP 503", "read again");

        var unknown = post("model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"runs:/nope/model\","
                + " \"run_id\": \"nope\"}");
        assertThat(unknown.json().path("model_version").path("status_message").asText()).contains("run nope",
                "does not exist", "RESOURCE_DOES_NOT_EXIST");

        RUNS.put(runId, run(runId, String.join(", ", metric("auc", 0.91, 0), metric("f1", 0.78, 0)),
                COMPLETE_TAGS, String.join(", ", dataset("train", SHA_TRAIN, "s3://data/train.parquet", "training"),
                        dataset("holdout", SHA_EVAL, "s3://data/eval.parquet", "evaluation"))));
        var retried = post("model-versions/create", body);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().path("model_version").path("version").asText()).isEqualTo("1");
        var registered = awaitRegistration(name, "1");
        assertThat(registered.path("status").asText()).as(registered.toString()).isEqualTo("READY");
    }
}
