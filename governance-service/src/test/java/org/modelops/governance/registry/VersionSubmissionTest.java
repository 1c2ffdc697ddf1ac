package org.modelops.governance.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelops.governance.registry.ModelRegistrationTest.assertProblem;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.modelops.governance.testing.Concurrently;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;

@MicronautTest
class VersionSubmissionTest extends ServiceTest {

    /** The registry is under test here; the lifecycle's later, asynchronous steps are LifecycleTest's. */
    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    private String registered(String riskTier) {
        var name = uniqueName("model");
        assertThat(api().post("/api/v1/models", erin(), registration(name, riskTier)).status()).isEqualTo(201);
        return name;
    }

    @Test
    void aSubmittedVersionIsNumberedAndEntersValidationThroughItsLifecycle() {
        var name = registered("HIGH");
        var first = api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.91));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("version").asInt()).isEqualTo(1);
        assertThat(first.field("state")).isEqualTo("VALIDATING");
        assertThat(first.field("model")).isEqualTo(name);
        assertThat(first.json().path("metrics").path("auc").asDouble()).isEqualTo(0.91);
        assertThat(first.json().path("sliceMetrics").path("gender=F").path("recall").asDouble()).isEqualTo(0.81);
        assertThat(first.json().path("trainingData").path("sha256").asText()).isEqualTo("b".repeat(64));
        assertThat(first.headers().firstValue("Location")).hasValue("/api/v1/models/" + name + "/versions/1");

        var second = api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.93));
        assertThat(second.json().path("version").asInt()).isEqualTo(2);

        var read = api().get("/api/v1/models/" + name + "/versions/1", dana());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.field("state")).isEqualTo("VALIDATING");
        assertThat(read.field("submittedBy")).isEqualTo("erin");
        var lifecycleId = read.field("lifecycleId");
        assertThat(Database.count("SELECT count(*) FROM act_hi_procinst WHERE proc_inst_id_ = ?", lifecycleId))
                .isEqualTo(1);
        // What the engine writes for it: its fixed facts as one variable, not one each, and no row per element
        // passed (workflow/UnrecordedActivities)
        assertThat(Database.count("SELECT count(*) FROM act_ru_variable WHERE proc_inst_id_ = ? AND name_ = 'terms'",
                lifecycleId)).isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM act_ru_variable WHERE proc_inst_id_ = ? AND name_ IN ('model',"
                + " 'version', 'riskTier', 'policy', 'approvalsRequired', 'rolloutSteps')", lifecycleId)).isZero();
        assertThat(Database.count("SELECT count(*) FROM act_ru_actinst WHERE proc_inst_id_ = ?", lifecycleId))
                .isZero();

        var list = api().get("/api/v1/models/" + name + "/versions", dana());
        assertThat(list.json().path("total").asInt()).isEqualTo(2);
        assertThat(list.json().path("items").get(0).path("version").asInt()).isEqualTo(2);
        assertThat(api().get("/api/v1/models/" + name, dana()).json().path("latestVersion").asInt()).isEqualTo(2);
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE subject_id = ? AND action IN"
                + " ('version.submitted', 'version.state-changed')", name + "/1")).isEqualTo(2);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstVersionAndCreatesNothing() {
        var name = registered("LOW");
        var headers = Map.of("Idempotency-Key", "build-4711");
        var first = api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.8), headers);
        var retry = api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.8), headers);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().path("version").asInt()).isEqualTo(1);
        assertThat(retry.field("lifecycleId")).isEqualTo(first.field("lifecycleId"));
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(versionsOf(name)).isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM act_hi_procinst WHERE business_key_ LIKE ?", name + "/%"))
                .isEqualTo(1);
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKeyCreateOneVersion() throws Exception {
        var name = registered("LOW");
        var results = Concurrently.run(8, i -> api().post("/api/v1/models/" + name + "/versions", erin(),
                submission(0.8), Map.of("Idempotency-Key", "same-key")).json().path("version").asInt());
        assertThat(results).containsOnly(1);
        assertThat(versionsOf(name)).isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyForADifferentRequestIsRefused() {
        var name = registered("LOW");
        var headers = Map.of("Idempotency-Key", "k-1");
        api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.8), headers);
        var different = api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.9), headers);
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.field("type")).isEqualTo("/problems/idempotency-key-reused");
        assertThat(versionsOf(name)).isEqualTo(1);
    }

    @Test
    void concurrentSubmissionsAreNumberedWithoutGapsOrDuplicates() throws Exception {
        var name = registered("MEDIUM");
        var numbers = Concurrently.run(16, i -> api().post("/api/v1/models/" + name + "/versions", erin(),
                submission(0.5 + i / 100.0)).json().path("version").asInt());
        assertThat(numbers).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 16).boxed().toList());
        assertThat(versionsOf(name)).isEqualTo(16);
    }

    @Test
    void aSubmissionDoesNotQueueBehindAnotherVersionsLifecycleStep() throws Exception {
        var name = registered("MEDIUM");
        assertThat(api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.8)).status()).isEqualTo(201);
        try (var step = Database.connect()) {
            step.setAutoCommit(false);
            // What a lifecycle step of version 1 (validation, a decision, a promotion) holds until it commits.
            try (var lock = step
                    .prepareStatement("SELECT id FROM registered_models WHERE name = ? FOR NO KEY UPDATE")) {
                lock.setString(1, name);
                lock.executeQuery().close();
            }
            var second = api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.81));
            assertThat(second.status()).as(second.body()).isEqualTo(201);
            assertThat(second.json().path("version").asInt()).isEqualTo(2);
            step.rollback();
        }
        assertThat(versionsOf(name)).isEqualTo(2);
    }

    @Test
    void aSubmissionWaitsForAChangeOfTheModelItDependsOnAndIsGovernedByItsOutcome() throws Exception {
        var name = registered("LOW");
        try (var change = Database.connectAsOwner()) {
            change.setAutoCommit(false);
            // What a reclassification holds while it changes the risk tier.
            try (var lock = change.prepareStatement("SELECT id FROM registered_models WHERE name = ? FOR UPDATE")) {
                lock.setString(1, name);
                lock.executeQuery().close();
            }
            var submitted = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.8)));
            awaitALockWaiter(name);
            try (var reclassify = change.prepareStatement(
                    "UPDATE registered_models SET risk_tier = 'HIGH' WHERE name = ?")) {
                reclassify.setString(1, name);
                reclassify.executeUpdate();
            }
            change.commit();
            var response = submitted.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(response.status()).as(response.body()).isEqualTo(201);
        }
        var read = api().get("/api/v1/models/" + name + "/versions/1", dana());
        assertThat(read.json().path("policy").path("name").asText()).as(read.body()).isEqualTo("high-risk");
    }

    /** Until a session of the service waits for a lock (the submission queued behind the change). */
    private static void awaitALockWaiter(String name) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (Database.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND datname = current_database() AND usename = 'modelops'") > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no submission waited for the change of " + name);
    }

    @Test
    void aVersionOfAnUnknownModelIsNotFoundAndWritesNothing() {
        var response = api().post("/api/v1/models/ghost-model/versions", erin(), submission(0.9));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.field("type")).isEqualTo("/problems/model-not-found");
        assertThat(Database.count("SELECT count(*) FROM act_hi_procinst WHERE business_key_ LIKE 'ghost-model/%'"))
                .isZero();
    }

    @Test
    void anUnknownVersionIsNotFound() {
        var name = registered("LOW");
        var response = api().get("/api/v1/models/" + name + "/versions/7", dana());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.field("type")).isEqualTo("/problems/version-not-found");
    }

    @Test
    void aVersionNumberThatIsNotANumberNamesTheParameter() {
        var name = registered("LOW");
        assertProblem(api().get("/api/v1/models/" + name + "/versions/abc", dana()), "version", "type");
    }

    @Test
    void submittingNeedsTheMlEngineerRole() {
        var name = registered("LOW");
        assertThat(api().post("/api/v1/models/" + name + "/versions", dana(), submission(0.9)).status())
                .isEqualTo(403);
        assertThat(versionsOf(name)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            NaN metric                | "auc": 0.91,             | "auc": NaN,                | ""                 | json-syntax
            Infinity metric           | "auc": 0.91,             | "auc": Infinity,           | ""                 | json-syntax
            overflowing metric        | "auc": 0.91,             | "auc": 1e999,              | metrics.auc        | maximum
            string metric             | "auc": 0.91,             | "auc": "0.91",             | metrics.auc        | type
            short artifact digest     | "artifactSha256": "aaaa  | "artifactSha256": "abc123  | artifactSha256     | pattern
            non-hex data digest       | "sha256": "bbbb          | "sha256": "zzzz            | trainingData.sha256 | pattern
            unknown field             | "framework": "xgboost",  | "framework": "xgboost", "colour": 1, | colour     | unknown-field
            missing framework         | "framework": "xgboost",  | ""                         | framework          | required
            wrong type for params     | "params": {              | "params": 5, "x": {        | params             | type
            nested slice not a number | "recall": 0.81           | "recall": [0.81]           | sliceMetrics.gender=F.recall | type
            artifact URI without scheme | "s3://models/credit-risk/7/model.onnx" | "model.onnx" | artifactUri     | pattern
            """)
    void badSubmissionsAreRefusedNamingTheFieldAndRuleAndWriteNothing(String caseName, String find, String replace,
            String field, String rule) {
        var name = registered("LOW");
        var body = submission(0.91).replaceFirst(java.util.regex.Pattern.quote(find),
                java.util.regex.Matcher.quoteReplacement(replace.equals("\"\"") ? "" : replace));
        assertThat(body).as("the case must change the body").isNotEqualTo(submission(0.91));
        var response = api().post("/api/v1/models/" + name + "/versions", erin(), body);
        assertProblem(response, field.equals("\"\"") ? "" : field, rule);
        assertThat(versionsOf(name)).isZero();
        assertThat(Database.count("SELECT count(*) FROM act_hi_procinst WHERE business_key_ LIKE ?", name + "/%"))
                .isZero();
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        var name = registered("LOW");
        var huge = submission(0.9).replace("\"Monthly retrain\"", "\"" + "x".repeat(300_000) + "\"");
        var response = api().post("/api/v1/models/" + name + "/versions", erin(), huge);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(versionsOf(name)).isZero();
    }

    @Test
    void aBadIdempotencyKeyIsRefused() {
        var name = registered("LOW");
        var response = api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.9),
                Map.of("Idempotency-Key", "k".repeat(201)));
        assertProblem(response, "Idempotency-Key", "pattern");
    }

    private static long versionsOf(String name) {
        return Database.count("SELECT count(*) FROM model_versions v JOIN registered_models m ON m.id = v.model_id"
                + " WHERE m.name = ?", name);
    }

}
