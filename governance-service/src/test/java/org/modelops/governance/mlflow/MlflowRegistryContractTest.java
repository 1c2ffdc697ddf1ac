package org.modelops.governance.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelops.governance.mlflow.GoldenExchanges.assertSameShape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.modelops.governance.lifecycle.Lifecycles;
import org.modelops.governance.testing.Api;
import org.modelops.governance.testing.ServiceTest;

/**
 * The exchanges of a real MLflow 3.10 server, replayed against this service on PostgreSQL: the same statuses,
 * error codes and response shapes, except where governance answers otherwise on purpose (champion and challenger,
 * stages, deletes), which is asserted as such. Model names are made unique per test; a created version carries the
 * artifact digest a governed version needs.
 */
@MicronautTest
class MlflowRegistryContractTest extends ServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MLFLOW = "/api/2.0/mlflow/";
    private static final String DIGEST = "d".repeat(64);

    private Api.Response replay(String prefix, int index, String token) {
        var golden = GoldenExchanges.get(index);
        var path = rename(prefix, golden.path());
        var body = golden.requestBody() == null ? null : rename(prefix, golden.requestBody());
        if (body != null && golden.path().endsWith("/model-versions/create")) {
            body = withEvidence(body);
        }
        var headers = body == null ? Map.<String, String>of() : Map.of("Content-Type", golden.contentType());
        return api().send(golden.method(), path, token, body, headers);
    }

    private void replayAndCompare(String prefix, int... indexes) {
        for (int index : indexes) {
            assertSameShape(GoldenExchanges.get(index), replay(prefix, index, erin()));
        }
    }

    private static String rename(String prefix, String text) {
        return text.replace("credit-risk", prefix + "-credit").replace("fraud-", prefix + "-fraud-")
                .replace("FRAUD", (prefix + "-fraud").toUpperCase());
    }

    /** The evidence the high-risk policy requires, as tags (and a description), so that a replayed version starts. */
    static final Map<String, String> EVIDENCE = Map.of("modelops.artifact_sha256", DIGEST,
            "modelops.intended_use", "Consumer loans up to 50k", "modelops.training_data_uri", "s3://data/train",
            "modelops.training_data_sha256", "a".repeat(64), "modelops.evaluation_data_uri", "s3://data/eval",
            "modelops.evaluation_data_sha256", "b".repeat(64), "modelops.code_repository",
            "https://git.example.com/risk/credit", "modelops.code_commit", "a1b2c3d", "modelops.metric.auc", "0.91",
            "modelops.metric.f1", "0.78");

    private static String withEvidence(String body) {
        try {
            var node = JSON.readTree(body);
            if (!(node instanceof ObjectNode object) || !node.has("name") || !node.has("source")) {
                return body;
            }
            var tags = object.has("tags")
                    ? (com.fasterxml.jackson.databind.node.ArrayNode) object.get("tags")
                    : object.putArray("tags");
            new java.util.TreeMap<>(EVIDENCE).forEach((key, value) -> tags.addObject().put("key", key)
                    .put("value", value));
            tags.addObject().put("key", "modelops.slice_metrics").put("value",
                    "{\"gender=F\": {\"recall\": 0.81}, \"gender=M\": {\"recall\": 0.83}}");
            if (!object.has("description")) {
                object.put("description", "replayed");
            }
            return JSON.writeValueAsString(object);
        } catch (IOException notJson) {
            throw new UncheckedIOException(notJson);
        }
    }

    private Api.Response get(String path, String token) {
        return api().get(MLFLOW + path, token);
    }

    private Api.Response post(String path, String token, String body) {
        return api().post(MLFLOW + path, token, body);
    }

    private Api.Response delete(String path, String token, String body) {
        return api().send("DELETE", MLFLOW + path, token, body, Map.of("Content-Type", "application/json"));
    }

    private static String query(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Polls model-versions/get as the MLflow client does while a version is PENDING_REGISTRATION. */
    private JsonNode awaitRegistration(String name, String version) {
        var deadline = Instant.now().plus(Duration.ofSeconds(40));
        JsonNode current;
        do {
            current = get("model-versions/get?name=" + name + "&version=" + version, erin()).json()
                    .path("model_version");
            if (!"PENDING_REGISTRATION".equals(current.path("status").asText())) {
                return current;
            }
            Lifecycles.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("version " + name + "/" + version + " stayed PENDING_REGISTRATION: " + current);
    }

    /** The model's audit events of one action, oldest first. */
    private java.util.List<JsonNode> audit(String model, String action) {
        var found = api().get("/api/v1/audit?model=" + model + "&action=" + action, IDP.tokenFor("carl",
                "compliance-officer"));
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        var events = new java.util.ArrayList<JsonNode>();
        found.json().path("items").forEach(events::add);
        return events;
    }

    private static String tag(JsonNode entity, String key) {
        for (var tag : entity.path("tags")) {
            if (tag.path("key").asText().equals(key)) {
                return tag.path("value").asText();
            }
        }
        return null;
    }

    @Test
    void theGoldenFileHoldsTheEightyRecordedExchanges() {
        assertThat(GoldenExchanges.count()).isEqualTo(80);
    }

    @Test
    void registerModelsCallsAnswerAsMlflowAnswersThem() {
        var prefix = uniqueName("mlf");
        replayAndCompare(prefix, IntStream.rangeClosed(0, 18).toArray());
        var name = prefix + "-credit";
        var model = get("registered-models/get?name=" + name, erin()).json().path("registered_model");
        assertThat(tag(model, "modelops.owner_team")).isEqualTo("risk-analytics");
        assertThat(tag(model, "modelops.risk_tier")).isEqualTo("HIGH");
        assertThat(model.path("latest_versions").get(0).path("version").asText()).isEqualTo("3");
        replayAndCompare(prefix, 44, 20);
        assertThat(get("registered-models/get?name=" + name, erin()).json().path("registered_model")
                .path("description").asText()).isEqualTo("new desc");
        var outsider = api().patch(MLFLOW + "registered-models/update", IDP.tokenForTeamMember("mo",
                java.util.List.of("payments-security"), "ml-engineer"),
                "{\"name\": \"" + name + "\", \"description\":"
                        + " \"mine\"}");
        assertThat(outsider.status()).as(outsider.body()).isEqualTo(403);
        assertThat(outsider.field("error_code")).isEqualTo("PERMISSION_DENIED");
        assertThat(audit(name, "model.described")).hasSize(1);
        var production = replay(prefix, 43, erin());
        assertThat(production.status()).isEqualTo(200);
        assertThat(production.json().size()).as("no version has stage Production").isZero();
        var ajax = api().post("/ajax-api/2.0/mlflow/registered-models/create", erin(), "{\"name\": \"" + name
                + "\"}");
        assertThat(ajax.status()).isEqualTo(400);
        assertThat(ajax.field("error_code")).isEqualTo("RESOURCE_ALREADY_EXISTS");
    }

    @Test
    void aVersionWithoutThePolicysEvidenceWaitsWithTheTagsToAdd() {
        var prefix = uniqueName("mlf");
        replayAndCompare(prefix, 0);
        var created = post("model-versions/create", erin(), "{\"name\": \"" + prefix + "-credit\", \"source\":"
                + " \"s3://bucket/credit-risk/1\", \"tags\": [{\"key\": \"k\", \"value\": \"v\"}, {\"key\":"
                + " \"modelops.artifact_sha256\", \"value\": \"" + DIGEST + "\"}], \"description\": \"v1\"}");
        assertSameShape(GoldenExchanges.get(9), created);
        var version = created.json().path("model_version");
        assertThat(version.path("status").asText()).isEqualTo("PENDING_REGISTRATION");
        assertThat(version.path("status_message").asText()).contains("high-risk", "modelops.intended_use",
                "modelops.evaluation_data_sha256", "modelops.metric.auc", "modelops.slice_metrics")
                .doesNotContain("modelops.artifact_sha256 on the version");
        assertThat(tag(version, "modelops.state")).as("no lifecycle yet").isNull();
        assertThat(tag(version, "k")).isEqualTo("v");
        assertThat(audit(prefix + "-credit", "mlflow.version-awaiting-evidence")).hasSize(1);
    }

    /** Issue 13: mlflow.register_model(uri, name) without any tag is not refused: the version waits for evidence. */
    @Test
    void aVersionWithoutAnArtifactDigestWaitsWithTheTagToAdd() {
        var prefix = uniqueName("mlf");
        replayAndCompare(prefix, 0);
        var created = post("model-versions/create", erin(), "{\"name\": \"" + prefix + "-credit\", \"source\":"
                + " \"models:/m-abc\", \"model_id\": \"m-abc\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        var version = created.json().path("model_version");
        assertThat(version.path("status").asText()).isEqualTo("PENDING_REGISTRATION");
        assertThat(version.path("status_message").asText()).contains("modelops.artifact_sha256");
        assertThat(version.path("model_id").asText()).isEqualTo("m-abc");
        var half = post("model-versions/create", erin(), "{\"name\": \"" + prefix + "-credit\", \"source\":"
                + " \"models:/m-abd\", \"tags\": [{\"key\": \"modelops.training_data_uri\", \"value\":"
                + " \"s3://data/train\"}]}");
        assertThat(half.json().path("model_version").path("status_message").asText())
                .contains("modelops.training_data_sha256");
        var malformed = post("model-versions/create", erin(), "{\"name\": \"" + prefix + "-credit\", \"source\":"
                + " \"models:/m-abe\", \"tags\": [{\"key\": \"modelops.artifact_sha256\", \"value\": \"xyz\"}]}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.field("message")).contains("modelops.artifact_sha256");
    }

    @Test
    void aRetriedCreateGetsTheVersionTheFirstAttemptCreated() {
        var prefix = uniqueName("mlf");
        replayAndCompare(prefix, 0);
        var first = replay(prefix, 9, erin());
        var retried = replay(prefix, 9, erin());
        assertSameShape(GoldenExchanges.get(9), retried);
        assertThat(retried.json().path("model_version").path("version").asText()).isEqualTo("1")
                .isEqualTo(first.json().path("model_version").path("version").asText());
        var other = replay(prefix, 10, erin());
        assertThat(other.json().path("model_version").path("version").asText()).isEqualTo("2");
        var byAnother = replay(prefix, 9, IDP.tokenForTeamMember("eve", java.util.List.of("risk-analytics"),
                "ml-engineer"));
        assertThat(byAnother.json().path("model_version").path("version").asText()).isEqualTo("3");
    }

    @Test
    void freeAliasesFollowMlflowsRules() {
        var prefix = uniqueName("mlf");
        replayAndCompare(prefix, 0, 9, 29, 30, 31, 32, 34, 36, 37);
        var name = prefix + "-credit";
        assertThat(post("registered-models/alias", erin(), "{\"name\": \"" + name + "\", \"alias\": \"staging\","
                + " \"version\": \"1\"}").status()).isEqualTo(200);
        var byAlias = get("registered-models/alias?name=" + name + "&alias=staging", dana());
        assertSameShape(GoldenExchanges.get(33), byAlias);
        assertThat(byAlias.json().path("model_version").path("aliases").toString()).contains("\"staging\"");
        var model = get("registered-models/get?name=" + name, dana()).json().path("registered_model");
        var staging = new java.util.ArrayList<JsonNode>();
        model.path("aliases").forEach(alias -> {
            if (alias.path("alias").asText().equals("staging")) {
                staging.add(alias);
            }
        });
        assertThat(staging).singleElement().satisfies(alias -> assertThat(alias.path("version").asText())
                .isEqualTo("1"));
        assertThat(delete("registered-models/alias", erin(), "{\"name\": \"" + name + "\", \"alias\": \"staging\"}")
                .status()).isEqualTo(200);
        assertThat(get("registered-models/alias?name=" + name + "&alias=staging", dana()).status()).isEqualTo(400);
        assertThat(audit(name, "mlflow.alias-set")).singleElement().satisfies(event -> assertThat(event.path("details")
                .path("alias").asText()).isEqualTo("staging"));
        assertThat(audit(name, "mlflow.alias-deleted")).hasSize(1);
    }

    @Test
    void tagsSetAfterCreationAreAnnotationsNotEvidence() {
        var prefix = uniqueName("mlf");
        replayAndCompare(prefix, 0, 9, 21, 22, 23, 24, 26, 66);
        var name = prefix + "-credit";
        var version = get("model-versions/get?name=" + name + "&version=1", erin()).json().path("model_version");
        assertThat(tag(version, "validation_status")).isEqualTo("approved");
        assertThat(tag(version, "k")).isEqualTo("v");
        var evidence = replay(prefix, 25, erin());
        assertThat(evidence.status()).as(evidence.body()).isEqualTo(403);
        assertThat(evidence.field("error_code")).isEqualTo("PERMISSION_DENIED");
        assertThat(evidence.field("message")).contains("evidence");
        var governed = post("model-versions/set-tag", erin(), "{\"name\": \"" + name + "\", \"version\": \"1\","
                + " \"key\": \"modelops.state\", \"value\": \"CHAMPION\"}");
        assertThat(governed.status()).isEqualTo(403);
        assertThat(tag(get("model-versions/get?name=" + name + "&version=1", erin()).json().path("model_version"),
                "modelops.state")).isNotEqualTo("CHAMPION");
        var model = get("registered-models/get?name=" + name, erin()).json().path("registered_model");
        assertThat(tag(model, "owner")).isNull();
        assertThat(audit(name, "mlflow.tag-set")).hasSize(2);
        assertThat(audit(name, "mlflow.tag-deleted")).hasSize(1);
    }

    @Test
    void championAndChallengerCannotBeMovedByAClient() {
        var prefix = uniqueName("mlf");
        replayAndCompare(prefix, 0, 9, 10);
        for (int index : new int[]{27, 28, 35}) {
            var refused = replay(prefix, index, erin());
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.field("error_code")).isEqualTo("PERMISSION_DENIED");
            assertThat(refused.field("message")).contains("governed lifecycle");
        }
        var refusals = audit(prefix + "-credit", "mlflow.alias-refused");
        assertThat(refusals).hasSize(3);
        assertThat(refusals.get(0).path("details").path("reason").asText()).contains("governed lifecycle");
        var champion = get("registered-models/alias?name=" + prefix + "-credit&alias=champion", erin());
        assertThat(champion.status()).isEqualTo(400);
        assertThat(champion.field("error_code")).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    @Test
    void theGovernedChampionLoadsAsMlflowLoadsAnAlias() {
        var name = uniqueName("mlf") + "-credit";
        var created = post("registered-models/create", erin(), "{\"name\": \"" + name + "\", \"tags\": [{\"key\":"
                + " \"modelops.risk_tier\", \"value\": \"LOW\"}], \"description\": \"Scores loan applications\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        var version = post("model-versions/create", erin(), "{\"name\": \"" + name + "\", \"source\":"
                + " \"models:/m-7f3a\", \"model_id\": \"m-7f3a\", \"run_id\": \"r-1\", \"description\": \"Monthly"
                + " retrain\", \"tags\": [{\"key\": \"modelops.artifact_sha256\", \"value\": \"" + DIGEST + "\"},"
                + " {\"key\": \"modelops.metric.auc\", \"value\": \"0.91\"}]}");
        assertSameShape(GoldenExchanges.get(9), version);
        assertThat(version.json().path("model_version").path("status").asText()).isIn("PENDING_REGISTRATION",
                "READY");
        assertThat(version.json().path("model_version").path("model_id").asText()).isEqualTo("m-7f3a");
        var registered = awaitRegistration(name, "1");
        assertThat(registered.path("status").asText()).as(registered.toString()).isEqualTo("READY");
        var lifecycles = new Lifecycles(api());
        lifecycles.awaitState(name, 1, "PENDING_APPROVAL");
        var challenger = get("registered-models/alias?name=" + name + "&alias=challenger", erin());
        assertThat(challenger.status()).as(challenger.body()).isEqualTo(200);
        lifecycles.approveAs(Lifecycles.dana(), name, 1);
        lifecycles.awaitState(name, 1, "CHAMPION");

        var champion = get("registered-models/alias?name=" + name + "&alias=champion", erin());
        assertSameShape(GoldenExchanges.get(33), champion);
        assertThat(champion.json().path("model_version").path("version").asText()).isEqualTo("1");
        assertThat(champion.json().path("model_version").path("aliases").get(0).asText()).isEqualTo("champion");
        assertThat(tag(champion.json().path("model_version"), "modelops.state")).isEqualTo("CHAMPION");
        // issue 13: last_updated_timestamp follows the status, not the creation
        var promoted = champion.json().path("model_version");
        assertThat(promoted.path("last_updated_timestamp").asLong()).isGreaterThan(promoted
                .path("creation_timestamp").asLong());
        Lifecycles.sleep(5);
        assertThat(post("model-versions/set-tag", erin(), "{\"name\": \"" + name + "\", \"version\": \"1\","
                + " \"key\": \"reviewed\", \"value\": \"yes\"}").status()).isEqualTo(200);
        var annotated = get("model-versions/get?name=" + name + "&version=1", erin()).json().path("model_version");
        assertThat(annotated.path("last_updated_timestamp").asLong()).isGreaterThan(promoted
                .path("last_updated_timestamp").asLong());
        var model = get("registered-models/get?name=" + name, erin());
        assertSameShape(GoldenExchanges.get(40), model);
        var uri = get("model-versions/get-download-uri?name=" + name + "&version=1", erin());
        assertSameShape(GoldenExchanges.get(38), uri);
        assertThat(uri.field("artifact_uri")).isEqualTo("models:/m-7f3a");
        var ajax = api().get("/ajax-api/2.0/mlflow/registered-models/alias?name=" + name + "&alias=champion",
                erin());
        assertThat(ajax.status()).isEqualTo(200);
    }

    @Test
    void searchFiltersAndPagesAsMlflowDoes() {
        var prefix = uniqueName("mlf");
        replayAndCompare(prefix, 45, 46, 47, 51, 52, 54, 55, 56, 57, 59, 60);
        var like = "&filter=" + query("name LIKE '" + prefix + "-%'");
        var first = get("registered-models/search?max_results=2&order_by=name+DESC" + like, erin());
        assertSameShape(GoldenExchanges.get(49), first);
        assertThat(first.field("next_page_token")).isEqualTo(GoldenExchanges.get(49).response()
                .path("next_page_token").asText());
        assertThat(first.json().path("registered_models").get(0).path("name").asText()).isEqualTo(prefix
                + "-fraud-2");
        var second = get("registered-models/search?max_results=2&order_by=name+DESC" + like + "&page_token="
                + query(first.field("next_page_token")), erin());
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("registered_models").size()).isEqualTo(1);
        assertThat(second.json().has("next_page_token")).isFalse();
        assertThat(new String(Base64.getDecoder().decode(first.field("next_page_token")), StandardCharsets.UTF_8))
                .isEqualTo("{\"offset\": 2}");
        var notPrompts = get("registered-models/search?filter=" + query("name LIKE '" + prefix
                + "-%' AND tags.`mlflow.prompt.is_prompt` != 'true'"), erin());
        assertThat(notPrompts.json().path("registered_models").size()).isEqualTo(3);
        var byTier = get("registered-models/search?filter=" + query("name LIKE '" + prefix
                + "-%' AND tags.modelops.risk_tier = 'HIGH'"), erin());
        assertThat(byTier.json().path("registered_models").size()).isEqualTo(3);
        var backslash = get("registered-models/search?filter=" + query("name LIKE '" + prefix + "\\'"), erin());
        assertThat(backslash.status()).as(backslash.body()).isEqualTo(200);
        var huge = get("model-versions/search?filter=" + query("version_number > 99999999999999999999"), erin());
        assertThat(huge.status()).isEqualTo(400);
        var empty = get("registered-models/search?filter=" + query("name = '" + prefix + "-none'"), erin());
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().size()).isZero();
    }

    @Test
    void versionSearchFiltersAsMlflowDoes() {
        var prefix = uniqueName("mlf");
        replayAndCompare(prefix, 0, 9, 10, 11, 62, 63, 64, 65, 67, 68);
        var name = prefix + "-credit";
        var newer = get("model-versions/search?filter=" + query("name = '" + name + "' AND version_number > 1")
                + "&order_by=version_number+ASC", erin());
        assertThat(newer.json().path("model_versions").size()).isEqualTo(2);
        assertThat(newer.json().path("model_versions").get(0).path("version").asText()).isEqualTo("2");
        var byTag = get("model-versions/search?filter=" + query("name = '" + name + "' AND tags.k = 'v'"), erin());
        assertThat(byTag.json().path("model_versions").size()).isEqualTo(1);
    }

    /**
     * The exchanges no other test replays: those answered as MLflow answers them, and those where governance answers
     * otherwise on purpose (docs/mlflow.md, "Golden exchanges").
     */
    @Test
    void theRemainingExchangesReplayAsMlflowOrDifferOnPurpose() {
        var prefix = uniqueName("mlf");
        replayAndCompare(prefix, 0, 9, 10, 11, 39, 42, 45, 46, 47, 58);
        for (int index : new int[]{48, 50, 53}) {
            // over every model in the database: the shape of the first one depends on which it is
            var page = replay(prefix, index, erin());
            assertThat(page.status()).as("#%d: %s", index, page.body()).isEqualTo(200);
            assertThat(page.json().path("registered_models").isArray()).isTrue();
        }
        var ordered = get("registered-models/search?order_by=last_updated_timestamp+DESC&max_results=1", erin());
        assertThat(ordered.json().path("registered_models").get(0).path("name").asText()).as(
                "the model whose version was created last").startsWith(prefix);
        for (int index : new int[]{19, 69, 70, 72, 73, 74}) {
            var refused = replay(prefix, index, erin());
            assertThat(refused.status()).as("#%d: %s", index, refused.body()).isEqualTo(403);
            assertThat(refused.field("error_code")).isEqualTo("PERMISSION_DENIED");
        }
        for (int index : new int[]{76, 77, 79}) {
            var tracking = replay(prefix, index, erin());
            assertThat(tracking.status()).as("#%d is the tracking server's, not served here", index).isEqualTo(404);
        }
        var health = replay(prefix, 78, null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.contentType()).as("the service's own health, JSON").startsWith("application/json");
    }

    @Test
    void errorsComeInMlflowsShape() {
        var prefix = uniqueName("mlf");
        replayAndCompare(prefix, 0);
        var anonymous = get("registered-models/get?name=" + prefix + "-credit", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.field("error_code")).isEqualTo("UNAUTHENTICATED");
        var expert = post("registered-models/create", dana(), "{\"name\": \"" + prefix + "-other\"}");
        assertThat(expert.status()).isEqualTo(403);
        assertThat(expert.field("error_code")).isEqualTo("PERMISSION_DENIED");
        var unknown = replay(prefix, 75, erin());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.field("error_code")).isEqualTo("ENDPOINT_NOT_FOUND");
        assertThat(replay(prefix, 61, erin()).status()).isEqualTo(405);
        replayAndCompare(prefix, 9);
        var stage = replay(prefix, 41, erin());
        assertThat(stage.status()).isEqualTo(400);
        assertThat(stage.field("error_code")).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(stage.field("message")).contains("@champion", "governed lifecycle");
        var deleted = replay(prefix, 71, erin());
        assertThat(deleted.status()).isEqualTo(403);
        assertThat(deleted.field("error_code")).isEqualTo("PERMISSION_DENIED");
        var control = post("registered-models/create", erin(), "{\"name\": \"" + prefix + "-x\", \"description\":"
                + " \"a\\u0000b\"}");
        assertThat(control.status()).isEqualTo(400);
        assertThat(control.field("error_code")).isEqualTo("INVALID_PARAMETER_VALUE");
    }
}
