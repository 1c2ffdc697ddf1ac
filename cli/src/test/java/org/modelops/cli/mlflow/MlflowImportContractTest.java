package org.modelops.cli.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelops.cli.ExitCode;
import org.modelops.cli.Run;
import org.modelops.cli.StandIn;
import org.modelops.cli.http.Json;

/**
 * The import against a stand-in of the SOURCE registry (a foreign MLflow 3.10 server) answering in the recorded
 * shapes of /work/shared/mlflow/golden-exchanges.txt: {@code registered-models/search} and
 * {@code model-versions/search} with {@code base64({"offset": N})} page tokens, {@code version} as a string,
 * timestamps in epoch milliseconds, tags as {@code [{key, value}]}. The target here is a small in-memory
 * registry speaking the service's MLflow API; the real service is the target in the end-to-end test ImportIT.
 */
class MlflowImportContractTest {

    @TempDir
    Path dir;

    private static final String SHA = "9f2c4d1e8b7a6f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c";

    /** The source: three models (one with a name the governed registry refuses), paged two at a time. */
    static StandIn.Answer source(StandIn.Request request) {
        var models = List.of(
                Json.parse("""
                        {"name":"credit-risk","creation_timestamp":1795634781553,"last_updated_timestamp":1795634781818,
                         "description":"PD model","user_id":"alice","tags":[{"key":"team","value":"risk"}],
                         "aliases":[{"alias":"champion","version":"1"},{"alias":"staging","version":"2"}]}"""),
                Json.parse(
                        """
                                {"name":"Fraud Model","creation_timestamp":1795634781841,"last_updated_timestamp":1795634781841}"""),
                Json.parse("""
                        {"name":"fraud-1","creation_timestamp":1795634781848,"last_updated_timestamp":1795634781848,
                         "tags":[{"key":"team","value":"fraud"}]}"""));
        var versions = Map.of("credit-risk", List.of(
                Json.parse(
                        """
                                {"name":"credit-risk","version":"2","creation_timestamp":1795634781615,
                                 "last_updated_timestamp":1795634781818,"current_stage":"Production","description":"",
                                 "source":"s3://bucket/credit-risk/2","run_id":"run-2","run_link":"","status":"READY",
                                 "tags":[{"key":"modelops.artifact_sha256","value":"%s"},{"key":"modelops.metric.auc","value":"0.91"}]}"""
                                .formatted(SHA)),
                Json.parse("""
                        {"name":"credit-risk","version":"1","creation_timestamp":1795634781602,
                         "last_updated_timestamp":1795634781652,"current_stage":"None","description":"updated",
                         "source":"s3://bucket/credit-risk/1","run_id":"","status":"READY","user_id":"alice",
                         "tags":[{"key":"validation_status","value":"approved"},{"key":"sha","value":"%s"},
                                 {"key":"modelops.state","value":"CHAMPION"}]}""".formatted(SHA)),
                Json.parse("""
                        {"name":"credit-risk","version":"3","creation_timestamp":1795634781623,
                         "last_updated_timestamp":1795634781623,"current_stage":"None","description":"",
                         "source":"mlflow-artifacts:/1/models/m-abc/artifacts","run_id":"","status":"READY"}""")),
                "fraud-1", List.<JsonNode>of());
        var path = request.path();
        if (path.equals("/api/2.0/mlflow/registered-models/search")) {
            var filter = request.param("filter");
            var all = filter == null
                    ? models
                    : models.stream().filter(m -> filter.equals("name = '" + Json.text(m,
                            "name") + "'")).toList();
            return page(all, request, "registered_models", 2);
        }
        if (path.equals("/api/2.0/mlflow/model-versions/search")) {
            var name = request.param("filter").replaceAll("^name = '(.*)'$", "$1");
            return page(versions.getOrDefault(name, List.of()), request, "model_versions", 2);
        }
        return new StandIn.Answer(404, "text/html", "<!doctype html><title>404 Not Found</title>");
    }

    private static StandIn.Answer page(List<JsonNode> all, StandIn.Request request, String field, int size) {
        int offset = 0;
        if (request.param("page_token") != null) {
            offset = Json.parse(new String(Base64.getDecoder().decode(request.param("page_token"))))
                    .path("offset").asInt();
        }
        var out = Json.object();
        var items = out.putArray(field);
        all.subList(offset, Math.min(all.size(), offset + size)).forEach(items::add);
        if (offset + size < all.size()) {
            out.put("next_page_token", Base64.getEncoder().encodeToString(("{\"offset\": " + (offset + size) + "}")
                    .getBytes()));
        }
        return StandIn.Answer.json(200, Json.compact(out));
    }

    /** The target: the service's MLflow API, in memory: models, versions numbered 1, 2, …, free aliases, tags. */
    static final class Target {
        final Map<String, ObjectNode> models = new java.util.TreeMap<>();
        final Map<String, List<ObjectNode>> versions = new java.util.HashMap<>();
        final List<String> writes = new ArrayList<>();

        synchronized StandIn.Answer answer(StandIn.Request request) {
            var path = request.path().replace("/api/2.0/mlflow", "");
            switch (path) {
                case "/registered-models/get" -> {
                    var model = models.get(request.param("name"));
                    return model == null
                            ? StandIn.Answer.json(404,
                                    "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"no\"}")
                            : StandIn.Answer.json(200, Json.compact(Json.object().set("registered_model", model)));
                }
                case "/model-versions/search" -> {
                    var name = request.param("filter").replaceAll("^name = '(.*)'$", "$1");
                    var out = Json.object();
                    var items = out.putArray("model_versions");
                    versions.getOrDefault(name, List.of()).forEach(items::add);
                    return StandIn.Answer.json(200, Json.compact(out));
                }
                default -> {
                }
            }
            var body = (ObjectNode) Json.parse(request.body());
            var name = Json.text(body, "name");
            writes.add(path + " " + name);
            switch (path) {
                case "/registered-models/create" -> {
                    var model = body.deepCopy();
                    model.putArray("aliases");
                    models.put(name, model);
                    return StandIn.Answer.json(200, Json.compact(Json.object().set("registered_model", model)));
                }
                case "/model-versions/create" -> {
                    var list = versions.computeIfAbsent(name, n -> new ArrayList<>());
                    var version = body.deepCopy().put("version", String.valueOf(list.size() + 1));
                    list.add(version);
                    return StandIn.Answer.json(200, Json.compact(Json.object().set("model_version", version)));
                }
                case "/registered-models/set-tag" -> {
                    var tags = (ArrayNode) models.get(name).withArray("tags");
                    tags.addObject().put("key", Json.text(body, "key")).put("value", Json.text(body, "value"));
                    return StandIn.Answer.json(200, "{}");
                }
                case "/registered-models/alias" -> {
                    models.get(name).withArray("aliases").addObject().put("alias", Json.text(body, "alias"))
                            .put("version", Json.text(body, "version"));
                    return StandIn.Answer.json(200, "{}");
                }
                default -> {
                    return StandIn.Answer.json(404, "{\"error_code\":\"ENDPOINT_NOT_FOUND\",\"message\":\"?\"}");
                }
            }
        }
    }

    private Run importing(StandIn source, StandIn target, String... extra) {
        var args = new ArrayList<>(List.of("import", "mlflow", "--from", source.url(), "--token", "src-token",
                "--owner-team", "risk-analytics", "--risk-tier", "medium", "--json"));
        args.addAll(List.of(extra));
        return Run.of(Map.of("MODELOPS_URL", target.url(), "MODELOPS_TOKEN", "t"), dir, args.toArray(String[]::new));
    }

    @Test
    void importsModelsAndVersionsWithTheirHistoryThenImportsNothingTwice() throws Exception {
        var registry = new Target();
        try (var source = new StandIn(MlflowImportContractTest::source); var target = new StandIn(registry::answer)) {
            var first = importing(source, target, "--sha256-tag", "sha");
            assertThat(first.exit).as(first.toString()).isEqualTo(ExitCode.REFUSED);
            var report = Json.parse(first.out);
            assertThat(report.path("created").asInt()).isEqualTo(4);
            assertThat(report.path("skipped").asInt()).isEqualTo(2);

            var credit = registry.models.get("credit-risk");
            assertThat(Json.text(credit, "description")).isEqualTo("PD model");
            var modelTags = MlflowApi.tags(credit);
            assertThat(modelTags).containsEntry("team", "risk").containsEntry("modelops.owner_team", "risk-analytics")
                    .containsEntry("modelops.risk_tier", "MEDIUM")
                    .containsEntry("import.mlflow.creation_timestamp", "1795634781553")
                    .containsEntry("import.mlflow.created_at", "2026-11-25T19:26:21.553Z")
                    .containsEntry("import.mlflow.user_id", "alice");
            assertThat(modelTags.get("import.mlflow.alias.champion")).isEqualTo(
                    "source v1 = v1 here; not promoted: the governed lifecycle decides");

            var imported = registry.versions.get("credit-risk");
            assertThat(imported).hasSize(2);
            var v1 = imported.get(0);
            assertThat(Json.text(v1, "source")).isEqualTo("s3://bucket/credit-risk/1");
            assertThat(Json.text(v1, "description")).isEqualTo("updated");
            assertThat(MlflowApi.tags(v1)).containsEntry("import.mlflow.version", "1")
                    .containsEntry("validation_status", "approved").containsEntry("modelops.artifact_sha256", SHA)
                    .containsEntry("import.mlflow.creation_timestamp", "1795634781602")
                    .doesNotContainKey("modelops.state");
            var v2 = imported.get(1);
            assertThat(Json.text(v2, "run_id")).isEqualTo("run-2");
            assertThat(MlflowApi.tags(v2)).containsEntry("import.mlflow.version", "2")
                    .containsEntry("import.mlflow.run_id", "run-2").containsEntry("import.mlflow.stage", "Production")
                    .containsEntry("modelops.metric.auc", "0.91");
            assertThat(credit.path("aliases").toString()).contains("staging").doesNotContain("champion");
            assertThat(registry.models).doesNotContainKey("Fraud Model").containsKey("fraud-1");

            var steps = report.path("steps").toString();
            assertThat(steps).contains("DNS labels").contains("no artifact digest");

            var writes = registry.writes.size();
            var second = importing(source, target, "--sha256-tag", "sha");
            var again = Json.parse(second.out);
            assertThat(again.path("created").asInt()).isZero();
            assertThat(again.path("alreadyPresent").asInt()).isEqualTo(6);
            assertThat(registry.writes).hasSize(writes);
            assertThat(registry.versions.get("credit-risk")).hasSize(2);
        }
    }

    @Test
    void aDryRunReadsButWritesNothing() throws Exception {
        var registry = new Target();
        try (var source = new StandIn(MlflowImportContractTest::source); var target = new StandIn(registry::answer)) {
            var result = Run.of(Map.of("MODELOPS_URL", target.url(), "MODELOPS_TOKEN", "t"), dir, "import", "mlflow",
                    "--from", source.url(), "--model", "credit-risk", "--dry-run");
            assertThat(result.out).contains("credit-risk: would import").contains("credit-risk v2: would import")
                    .contains("credit-risk v1: NOT IMPORTED (no artifact digest")
                    .contains("credit-risk @champion: would note").contains("Dry run:");
            assertThat(registry.writes).isEmpty();
            assertThat(source.requests()).allSatisfy(request -> {
                assertThat(request.method()).isEqualTo("GET");
                assertThat(request.header("Authorization")).isNull();
            });
        }
    }

    @Test
    void theSourceIsReadPageByPageWithItsToken() throws Exception {
        var registry = new Target();
        try (var source = new StandIn(MlflowImportContractTest::source); var target = new StandIn(registry::answer)) {
            importing(source, target);
            var searches = source.requests().stream()
                    .filter(r -> r.path().endsWith("/registered-models/search")).toList();
            assertThat(searches).hasSize(2);
            assertThat(searches.get(0).param("page_token")).isNull();
            assertThat(searches.get(1).param("page_token")).isEqualTo("eyJvZmZzZXQiOiAyfQ==");
            assertThat(searches).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer src-token"));
            var versionSearches = source.requests().stream()
                    .filter(r -> r.path().endsWith("/model-versions/search")
                            && "name = 'credit-risk'".equals(r.param("filter")))
                    .toList();
            assertThat(versionSearches).hasSize(2);
        }
    }

    @Test
    void anUnknownModelIsNotFound() throws Exception {
        var registry = new Target();
        try (var source = new StandIn(MlflowImportContractTest::source); var target = new StandIn(registry::answer)) {
            var result = importing(source, target, "--model", "nope");
            assertThat(result.exit).isEqualTo(ExitCode.NOT_FOUND);
        }
    }
}
