package org.modelops.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.modelops.cli.ExitCode;
import org.modelops.cli.Run;
import org.modelops.cli.StandIn;
import org.modelops.cli.http.Json;

/**
 * The CLI against a real stack: the service at {@code -De2e.service-url} and the real Keycloak at
 * {@code -De2e.keycloak-url} (realm modelops). A CI pipeline logs in with the {@code ci-pipeline} client's
 * credentials, registers a model, submits versions and waits; a domain expert decides through the CLI; a compliance
 * officer exports and verifies the trail; an MLflow registry (a stand-in of that foreign server) is imported twice.
 * Each run adds models named {@code e2e-cli-…}. Run with {@code ./mvnw -pl cli -am -Pe2e verify}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliJourneyIT {

    static final String SERVICE = System.getProperty("e2e.service-url", "http://localhost:8080");
    static final String KEYCLOAK = System.getProperty("e2e.keycloak-url", "http://localhost:8180");
    static final String ISSUER = KEYCLOAK + "/realms/modelops";
    /** The dev realm's documented development secret (deploy/local/lib.sh). */
    static final String CI_SECRET = System.getProperty("e2e.ci-pipeline-secret", "ci-pipeline-secret");
    static final String MODEL = "e2e-cli-" + System.currentTimeMillis();
    static final String SHA = "9f2c4d1e8b7a6f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c";

    @TempDir
    static Path dir;

    static Path config;
    static Path good;

    @BeforeAll
    static void files() throws Exception {
        config = dir.resolve("config");
        good = Files.writeString(dir.resolve("evidence.yaml"), """
                artifactUri: s3://models/%s/1/model.onnx
                artifactSha256: %s
                framework: xgboost
                description: Ranks support tickets (CLI end-to-end test)
                metrics: {auc: 0.91, f1: 0.8}
                tags: {e2e: "true"}
                """.formatted(MODEL, SHA));
    }

    private static Map<String, String> pipeline() {
        return Map.of("MODELOPS_URL", SERVICE, "MODELOPS_ISSUER", ISSUER, "MODELOPS_CLIENT_ID", "ci-pipeline",
                "MODELOPS_CLIENT_SECRET", CI_SECRET);
    }

    private static Map<String, String> asPerson(String user) throws Exception {
        var env = new HashMap<String, String>();
        env.put("MODELOPS_URL", SERVICE);
        env.put("MODELOPS_TOKEN", passwordToken(user));
        return env;
    }

    /** A demo user's token from the real Keycloak (the dev realm's modelops-cli client allows the password grant). */
    static String passwordToken(String user) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(ISSUER + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=modelops-cli&username="
                        + user + "&password=demo"))
                .build();
        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body()).path("access_token").asText();
    }

    private static Run cli(Map<String, String> env, String... args) {
        return Run.of(env, config, args);
    }

    @Test
    @Order(1)
    void aPipelineLogsInWithClientCredentialsAndTheTokenIsCachedOwnerOnly() throws Exception {
        // no --issuer: the service names its identity provider (RFC 9728 metadata)
        var login = Run.of(Map.of(), config, "login", "--url", SERVICE, "--client-id", "ci-pipeline",
                "--client-secret", CI_SECRET);
        assertThat(login.exit).as(login.toString()).isZero();
        assertThat(login.out).contains("service-account-ci-pipeline");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.resolve("tokens.json"))))
                .isEqualTo("rw-------");
        var list = cli(Map.of("MODELOPS_URL", SERVICE), "models", "list", "--json");
        assertThat(list.exit).as(list.toString()).isZero();
    }

    @Test
    @Order(2)
    void aWrongSecretIsAnAuthenticationFailure() {
        var login = Run.of(Map.of(), dir.resolve("other"), "login", "--url", SERVICE, "--issuer", ISSUER,
                "--client-id", "ci-pipeline", "--client-secret", "wrong");
        assertThat(login.exit).isEqualTo(ExitCode.AUTHENTICATION);
        var call = Run.of(Map.of("MODELOPS_URL", SERVICE, "MODELOPS_TOKEN", "not-a-token"), dir.resolve("other"),
                "status", "fraud-detector");
        assertThat(call.exit).isEqualTo(ExitCode.AUTHENTICATION);
    }

    @Test
    @Order(3)
    void aPipelineRegistersSubmitsAndWaitsForTheVerdict() {
        var register = cli(pipeline(), "models", "register", MODEL, "--owner-team", "risk-analytics", "--risk-tier",
                "LOW", "--description", "CLI end-to-end test", "--tag", "e2e=true");
        assertThat(register.exit).as(register.toString()).isZero();

        var submit = cli(pipeline(), "submit", MODEL, "--evidence", good.toString(), "--wait", "--json");
        assertThat(submit.exit).as(submit.toString()).isEqualTo(ExitCode.OK);
        var result = Json.parse(submit.out);
        assertThat(result.path("version").asInt()).isEqualTo(1);
        assertThat(result.path("state").asText()).isEqualTo("PENDING_APPROVAL");

        var retried = cli(pipeline(), "submit", MODEL, "--evidence", good.toString(), "--json");
        assertThat(Json.parse(retried.out).path("version").asInt()).isEqualTo(1);
        assertThat(Json.parse(retried.out).path("replayed").asBoolean()).isTrue();

        var waiting = cli(pipeline(), "submit", MODEL, "--evidence", good.toString(), "--wait", "--require",
                "approved", "--timeout", "3s");
        assertThat(waiting.exit).as(waiting.toString()).isEqualTo(ExitCode.TIMED_OUT);
    }

    @Test
    @Order(4)
    void aVersionBelowThePolicyIsRejectedWithItsReasons() throws Exception {
        var bad = Files.writeString(dir.resolve("bad.json"), Json.compact(Json.parse("""
                {"artifactUri": "s3://models/%s/2/model.onnx", "artifactSha256": "%s", "framework": "xgboost",
                 "description": "Too weak", "metrics": {"auc": 0.41}}""".formatted(MODEL, SHA))));
        var rejected = cli(pipeline(), "submit", MODEL, "--evidence", bad.toString(), "--wait");
        assertThat(rejected.exit).as(rejected.toString()).isEqualTo(ExitCode.REJECTED);
        assertThat(rejected.err).contains("kpi:auc").contains("evidence sha256 ");

        var invalid = Files.writeString(dir.resolve("invalid.yaml"), "artifactUri: s3://m/x\nartifactSha256: abc\n"
                + "framework: x\n");
        var refused = cli(pipeline(), "submit", MODEL, "--evidence", invalid.toString(), "--wait");
        assertThat(refused.exit).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.err).contains("artifactSha256 (pattern)");

        var notYaml = Files.writeString(dir.resolve("broken.yaml"), "metrics: [\n");
        assertThat(cli(pipeline(), "submit", MODEL, "--evidence", notYaml.toString()).exit).isEqualTo(
                ExitCode.USAGE);
        assertThat(cli(pipeline(), "submit", "e2e-cli-no-such-model", "--evidence", good.toString()).exit)
                .isEqualTo(ExitCode.NOT_FOUND);
    }

    @Test
    @Order(5)
    void aDomainExpertApprovesAndThePipelineSeesItServe() throws Exception {
        var dana = asPerson("dana");
        var tasks = cli(dana, "tasks", "list", "--json");
        assertThat(tasks.exit).isZero();
        JsonNode task = null;
        for (var item : Json.parse(tasks.out).path("items")) {
            if (MODEL.equals(Json.text(item, "model"))) {
                task = item;
            }
        }
        assertThat(task).as(tasks.out).isNotNull();
        var stale = cli(dana, "tasks", "decide", Json.text(task, "id"), "--approve", "--reason", "looks fine",
                "--evidence-sha256", "0".repeat(64));
        assertThat(stale.exit).isEqualTo(ExitCode.REFUSED);
        assertThat(stale.err).contains("/problems/evidence-changed");
        var decided = cli(dana, "tasks", "decide", Json.text(task, "id"), "--approve", "--reason", "looks fine",
                "--evidence-sha256", Json.text(task, "evidenceSha256"));
        assertThat(decided.exit).as(decided.toString()).isZero();

        var serving = cli(pipeline(), "submit", MODEL, "--evidence", good.toString(), "--wait", "--require",
                "serving", "--timeout", "60s");
        assertThat(serving.exit).as(serving.toString()).isEqualTo(ExitCode.OK);
        var deployment = cli(pipeline(), "deployment", MODEL, "--json");
        assertThat(Json.parse(deployment.out).path("serving").get(0).path("version").asInt()).isEqualTo(1);
        var timeline = cli(pipeline(), "timeline", MODEL, "1", "--json");
        assertThat(timeline.out).contains("version.submitted").contains("dana");
        var forbidden = cli(pipeline(), "audit", "export");
        assertThat(forbidden.exit).isEqualTo(ExitCode.FORBIDDEN);
    }

    @Test
    @Order(6)
    void aComplianceOfficerExportsAndVerifiesTheTrail() throws Exception {
        var carl = asPerson("carl");
        var export = cli(carl, "audit", "export");
        assertThat(export.exit).as(export.err).isZero();
        var file = Files.writeString(dir.resolve("audit.jsonl"), export.out);
        assertThat(export.out).contains(MODEL);
        var verify = cli(Map.of("MODELOPS_URL", SERVICE), "audit", "verify", file.toString());
        assertThat(verify.exit).as(verify.toString()).isZero();
        var tampered = Files.writeString(dir.resolve("tampered.jsonl"), export.out.replaceFirst("looks fine",
                "looks great"));
        assertThat(cli(Map.of("MODELOPS_URL", SERVICE), "audit", "verify", tampered.toString()).exit)
                .isEqualTo(ExitCode.NOT_VERIFIED);
        var filtered = cli(carl, "audit", "export", "--model", MODEL);
        var filteredFile = Files.writeString(dir.resolve("filtered.jsonl"), filtered.out);
        var unproven = cli(Map.of("MODELOPS_URL", SERVICE), "audit", "verify", filteredFile.toString());
        assertThat(unproven.exit).isEqualTo(ExitCode.NOT_VERIFIED);
        assertThat(unproven.out).contains("NOT PROVEN");
    }

    @Test
    @Order(7)
    void anMlflowRegistryIsImportedOnceWhateverHowOften() throws Exception {
        var name = MODEL + "-imp";
        var model = Json.parse("""
                {"name":"%s","creation_timestamp":1795634781553,"last_updated_timestamp":1795634781818,
                 "description":"Imported from MLflow","tags":[{"key":"team","value":"risk"}],
                 "aliases":[{"alias":"champion","version":"1"},{"alias":"staging","version":"2"}]}""".formatted(name));
        var versions = List.of(1, 2).stream().map(n -> Json.parse("""
                {"name":"%s","version":"%d","creation_timestamp":179563478160%d,"last_updated_timestamp":179563478165%d,
                 "current_stage":"None","description":"retrain %d","source":"s3://bucket/%s/%d","run_id":"run-%d",
                 "status":"READY","tags":[{"key":"modelops.artifact_sha256","value":"%s"},
                 {"key":"modelops.metric.auc","value":"0.9%d"}]}""".formatted(name, n, n, n, n, name, n, n, SHA, n)))
                .toList();
        try (var source = new StandIn(request -> {
            if (request.path().endsWith("/registered-models/search")) {
                return StandIn.Answer.json(200, Json.compact(Json.object().set("registered_models", Json.MAPPER
                        .createArrayNode().add(model))));
            }
            if (request.path().endsWith("/model-versions/search")) {
                var page = Json.MAPPER.createArrayNode();
                versions.forEach(page::add);
                return StandIn.Answer.json(200, Json.compact(Json.object().set("model_versions", page)));
            }
            return new StandIn.Answer(404, "text/html", "<title>404</title>");
        })) {
            var args = new String[]{"import", "mlflow", "--from", source.url(), "--model", name, "--owner-team",
                    "risk-analytics", "--risk-tier", "LOW", "--json"};
            var first = cli(pipeline(), args);
            assertThat(first.exit).as(first.toString()).isZero();
            assertThat(Json.parse(first.out).path("created").asInt()).isEqualTo(3);
            var second = cli(pipeline(), args);
            assertThat(second.exit).as(second.toString()).isZero();
            var again = Json.parse(second.out);
            assertThat(again.path("created").asInt()).isZero();
            assertThat(again.path("alreadyPresent").asInt()).isEqualTo(5);

            var show = Json.parse(cli(pipeline(), "models", "show", name, "--json").out);
            assertThat(show.path("versions")).hasSize(2);
            assertThat(show.path("model").path("riskTier").asText()).isEqualTo("LOW");
            var v1 = Json.parse(cli(pipeline(), "status", name, "1", "--json").out);
            assertThat(v1.path("tags").path("import.mlflow.creation_timestamp").asText()).isEqualTo("1795634781601");
            assertThat(v1.path("tags").path("import.mlflow.run_id").asText()).isEqualTo("run-1");
            assertThat(v1.path("state").asText()).isNotEqualTo("CHAMPION");
        }
    }
}
