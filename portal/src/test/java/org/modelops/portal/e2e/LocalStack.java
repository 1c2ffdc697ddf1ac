package org.modelops.portal.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running local stack (deploy/local/up.sh): the portal, the governance service and Keycloak, as real HTTP peers.
 * Used to put a fresh decision in place before the browser takes over, and to check what the browser did.
 */
final class LocalStack {

    static final String PORTAL = System.getProperty("e2e.portal-url", "http://localhost:8081");
    static final String SERVICE = System.getProperty("e2e.service-url", "http://localhost:8080");
    static final String KEYCLOAK = System.getProperty("e2e.keycloak-url", "http://localhost:8180");
    static final String PASSWORD = "demo";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A token for the CI pipeline's service account (an ML engineer). */
    String pipelineToken() {
        return token("grant_type=client_credentials&client_id=ci-pipeline&client_secret=ci-pipeline-secret");
    }

    String userToken(String username) {
        return token("grant_type=password&client_id=modelops-cli&username=" + encode(username) + "&password="
                + PASSWORD);
    }

    private String token(String form) {
        var response = send(
                HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/modelops/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build());
        return expect(response, 200).get("access_token").asString();
    }

    /** Registers a LOW-risk model and submits a version that passes the low-risk policy: it waits for one approval. */
    String submitVersionWaitingForApproval(String model) {
        register(model);
        submit(model, 1, 0.91);
        return model;
    }

    /**
     * Registers a LOW-risk model and submits {@code versions} versions that pass the low-risk policy, each to wait
     * for one approval once its validation step ran (the inbox benchmark's load). Does not wait for the validation:
     * the caller counts the inbox instead. One token for the whole batch, renewed when it is about to expire.
     */
    void submitVersionsWaitingForApproval(String model, int versions) {
        register(model);
        var token = pipelineToken();
        var renewAt = Instant.now().plusSeconds(120);
        for (int version = 1; version <= versions; version++) {
            if (Instant.now().isAfter(renewAt)) {
                token = pipelineToken();
                renewAt = Instant.now().plusSeconds(120);
            }
            expect(sendSubmission(token, model, version, 0.91), 201);
        }
    }

    /**
     * A LOW-risk model whose v1 is champion (approved by dave through the API) and whose better v2 waits for one
     * approval: after that approval there is a previous champion to roll back to.
     */
    String championWithChallengerWaitingForApproval(String model) {
        register(model);
        submit(model, 1, 0.88);
        approveAs("dave", model, 1, "Champion for the end-to-end test.");
        awaitVersion(model, 1, version -> "CHAMPION".equals(version.get("state").asString()));
        submit(model, 2, 0.91);
        return model;
    }

    /**
     * A LOW-risk model governed by a policy of its own with a slow canary: its first version is approved (by dave,
     * through the API) and rolls out, serving alone while the first step bakes for an hour.
     */
    String firstVersionRollingOut(String model) {
        register(model);
        var policy = """
                name: e2e-canary-%1$s
                description: A slow canary for the end-to-end test.
                appliesTo:
                  models: [%1$s]
                requiredMetadata: [description]
                kpis:
                  auc: { min: 0.6 }
                approvals:
                  count: 1
                  roles: [domain-expert]
                rollout:
                  strategy: STAGED
                  steps:
                    - { percent: 10, bake: PT1H }
                """.formatted(model);
        expect(send(HttpRequest.newBuilder(URI.create(SERVICE + "/api/v1/policies"))
                .header("Authorization", "Bearer " + userToken("ada"))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(policy))
                .build()), 201);
        submit(model, 1, 0.88);
        approveAs("dave", model, 1, "Canary for the end-to-end test.");
        awaitVersion(model, 1, version -> "ROLLING_OUT".equals(version.get("state").asString()));
        return model;
    }

    void register(String model) {
        expect(post(pipelineToken(), "/api/v1/models",
                Map.of("name", model, "description", "Ranks support tickets for the end-to-end test.", "ownerTeam",
                        "risk-analytics", "riskTier", "LOW", "tags", Map.of("e2e", "true"))),
                201);
    }

    void submit(String model, int version, double auc) {
        expect(sendSubmission(pipelineToken(), model, version, auc), 201);
        awaitVersion(model, version, v -> "PENDING_APPROVAL".equals(v.get("state").asString()));
    }

    private HttpResponse<String> sendSubmission(String token, String model, int version, double auc) {
        return post(token, "/api/v1/models/" + model + "/versions", Map.ofEntries(
                Map.entry("artifactUri", "s3://models/" + model + "/" + version + "/model.onnx"),
                Map.entry("artifactSha256", sha256(model + "/" + version + "/model")),
                Map.entry("framework", "lightgbm"),
                Map.entry("description", "Gradient-boosted ranking of support tickets."),
                Map.entry("intendedUse", "Order the support queue; agents still read every ticket."),
                Map.entry("trainingData", Map.of("uri", "s3://datasets/tickets/train.parquet", "sha256",
                        sha256(model + "/train"))),
                Map.entry("evaluationData", Map.of("uri", "s3://datasets/tickets/eval.parquet", "sha256",
                        sha256(model + "/eval"))),
                Map.entry("code", Map.of("repository", "https://git.example.com/support/ranker", "commit",
                        "a1b2c3d")),
                Map.entry("metrics", Map.of("auc", auc, "f1", 0.78, "precision", 0.81, "recall", 0.75)),
                Map.entry("sliceMetrics", Map.of("channel=email", Map.of("recall", 0.74), "channel=chat",
                        Map.of("recall", 0.76)))));
    }

    void approveAs(String username, String model, int version, String comment) {
        var token = userToken(username);
        var deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            for (var task : get(token, "/api/v1/tasks", 200).get("items")) {
                if (model.equals(task.get("model").asString()) && task.get("version").asInt() == version) {
                    expect(post(token, "/api/v1/tasks/" + task.get("id").asString() + "/decision",
                            Map.of("decision", "APPROVE", "comment", comment, "evidenceSha256",
                                    task.get("evidenceSha256").asString())),
                            200);
                    return;
                }
            }
            sleep(500);
        }
        throw new AssertionError(username + " has no task for " + model + " v" + version);
    }

    JsonNode awaitVersion(String model, int version, Predicate<JsonNode> condition) {
        var token = pipelineToken();
        var deadline = Instant.now().plusSeconds(90);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = expect(get(token, "/api/v1/models/" + model + "/versions/" + version), 200);
            if (condition.test(last)) {
                return last;
            }
            sleep(500);
        }
        throw new AssertionError(model + " v" + version + " did not reach the expected state in 90 s: " + last);
    }

    JsonNode get(String token, String path, int expectedStatus) {
        return expect(get(token, path), expectedStatus);
    }

    private HttpResponse<String> get(String token, String path) {
        return send(HttpRequest.newBuilder(URI.create(SERVICE + path)).header("Authorization", "Bearer " + token)
                .GET()
                .build());
    }

    private HttpResponse<String> post(String token, String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(SERVICE + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build());
    }

    /** Any call to the service, e.g. a baseline in CSV or a policy in YAML; the answer must have the status. */
    JsonNode call(String method, String token, String path, String contentType, String body, int expectedStatus) {
        var request = HttpRequest.newBuilder(URI.create(SERVICE + path)).header("Authorization", "Bearer " + token);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        var response = send(request.build());
        return response.body().isBlank() && response.statusCode() == expectedStatus
                ? JSON.createObjectNode()
                : expect(response, expectedStatus);
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("the local stack does not answer " + request.uri()
                    + " — start it with deploy/local/up.sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + " instead of " + status + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
