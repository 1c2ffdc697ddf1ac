package org.modelops.governance.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelops.governance.monitoring.model.DriftJudge;
import org.modelops.governance.monitoring.model.MonitoringVerdict;
import org.modelops.governance.testing.Api;
import org.modelops.governance.testing.Concurrently;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;

/** Baseline → monitoring spec → prediction records → drift verdicts, on the real PostgreSQL. */
@MicronautTest(transactional = false)
class DriftMonitoringTest extends ServiceTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final String[] SEGMENTS = {"a", "b", "c", "d"};

    @Inject
    DriftVerdicts verdicts;

    @Inject
    IngestionGate gate;

    private String model;
    private String base;

    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    private static String ada() {
        return IDP.tokenFor("ada", "governance-admin");
    }

    private static String collector() {
        return IDP.tokenFor("serving-logger", "collector");
    }

    /** A model of its own with a policy naming it: hourly windows of at least 200 records, act on 1 breach of 2. */
    @BeforeAll
    void registerAMonitoredVersion() {
        model = uniqueName("drift");
        var policy = """
                name: %s
                appliesTo:
                  models: [%s]
                approvals:
                  count: 1
                  roles: [domain-expert]
                monitoring:
                  drift:
                    window: PT1H
                    minSample: 200
                    psi: { warn: 0.1, breach: 0.25 }
                    jensenShannon: { warn: 0.1, breach: 0.2 }
                    consecutive: { breaches: 1, of: 2 }
                    onBreach: [alert, review]
                """.formatted(model, model);
        var published = api().post("/api/v1/policies", ada(), policy, Map.of("Content-Type", "application/yaml"));
        assertThat(published.status()).as(published.body()).isIn(200, 201);
        assertThat(api().post("/api/v1/models", erin(), registration(model, "HIGH")).status()).isEqualTo(201);
        var submitted = api().post("/api/v1/models/" + model + "/versions", erin(), submission(0.91));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        base = "/api/v1/models/" + model + "/versions/1";
        var uploaded = uploadCsv(base, baselineCsv());
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
    }

    /** 1000 rows: income uniform on 0..999, segment a–d in turn, prediction 0.0..0.9 in turn. */
    private static String baselineCsv() {
        var csv = new StringBuilder("income,segment,prediction\n");
        for (int i = 0; i < 1000; i++) {
            csv.append(i).append(',').append(SEGMENTS[i % 4]).append(',').append((i % 10) / 10.0).append('\n');
        }
        return csv.toString();
    }

    private Api.Response uploadCsv(String path, String csv) {
        return api().send("POST", path + "/baseline", erin(), csv, Map.of("Content-Type", "text/csv"));
    }

    private static Instant closedWindow(int hoursAgo) {
        return DriftJudge.windowStart(Instant.now(), HOUR).minus(HOUR.multipliedBy(hoursAgo));
    }

    private static String batch(String prefix, Instant window, int size, IntFunction<Integer> income) {
        var records = new ArrayList<String>();
        for (int k = 0; k < size; k++) {
            records.add("""
                    {"id": "%s-%d", "time": "%s", "arm": "champion",
                     "features": {"income": %d, "segment": "%s"}, "prediction": %s}"""
                    .formatted(prefix, k, window.plusSeconds(k), income.apply(k), SEGMENTS[k % 4], (k % 10) / 10.0));
        }
        return "{\"records\": [" + String.join(",", records) + "]}";
    }

    @Test
    void theSpecPublishesTheFrozenBinsAndThePolicyHash() {
        var spec = api().get(base + "/monitoring-spec", collector());

        assertThat(spec.status()).as(spec.body()).isEqualTo(200);
        assertThat(spec.json().path("policy").path("name").asText()).isEqualTo(model);
        assertThat(spec.json().path("policy").path("sha256").asText()).hasSize(64);
        assertThat(spec.json().path("drift").path("window").asText()).isEqualTo("PT1H");
        assertThat(spec.json().path("baseline").path("rows").asLong()).isEqualTo(1000);
        var income = spec.json().path("columns").get(0);
        assertThat(income.path("name").asText()).isEqualTo("income");
        assertThat(income.path("kind").asText()).isEqualTo("numeric");
        assertThat(income.path("statistic").asText()).isEqualTo("psi");
        // type-7 deciles of 0..999: 99.9, 199.8, …, 899.1
        assertThat(income.path("edges").get(0).asDouble()).isCloseTo(99.9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(income.path("edges").size()).isEqualTo(9);
        assertThat(income.path("baselineCounts").get(0).asLong()).isEqualTo(100);
        var segment = spec.json().path("columns").get(1);
        assertThat(segment.path("kind").asText()).isEqualTo("categorical");
        assertThat(segment.path("bins").toString()).isEqualTo("[\"a\",\"b\",\"c\",\"d\",\"unseen\",\"missing\"]");
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE action = 'monitoring.baseline-recorded'"
                + " AND subject_id = ?", model + "/1")).isEqualTo(1);
    }

    @Test
    void theSameSampleAgainChangesNothingAndADifferentOneIsRefused() {
        var again = uploadCsv(base, baselineCsv());
        assertThat(again.status()).as(again.body()).isEqualTo(200);

        var other = uploadCsv(base, baselineCsv().replace("\n0,a,0.0\n", "\n1,a,0.0\n"));
        assertThat(other.status()).as(other.body()).isEqualTo(409);
        assertThat(other.field("type")).isEqualTo("/problems/baseline-exists");
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE action = 'monitoring.baseline-recorded'"
                + " AND subject_id = ?", model + "/1")).isEqualTo(1);
    }

    @Test
    void driftedRecordsBreachOnTheirFeatureAndARetriedBatchAddsNothing() {
        var current = closedWindow(0);
        var drifted = closedWindow(2);
        var thin = closedWindow(1);
        // every income in the top two deciles of the baseline; segment and prediction as in the baseline
        var batch = batch("drifted", drifted, 300, k -> 800 + k % 200);

        var first = api().post(base + "/predictions", collector(), batch);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("accepted").asInt()).isEqualTo(300);
        var retried = api().post(base + "/predictions", collector(), batch);
        assertThat(retried.json().path("accepted").asInt()).as(retried.body()).isZero();
        assertThat(retried.json().path("duplicates").asInt()).isEqualTo(300);
        assertThat(api().post(base + "/predictions", erin(), batch("thin", thin, 50, k -> k * 20)).status())
                .isEqualTo(200);

        var status = api().get(base + "/monitoring?windows=2", dana());
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        assumeTrue(closedWindow(0).equals(current), "an hour began during the test; its windows moved on");
        var windows = status.json().path("windows");
        assertThat(windows.size()).isEqualTo(2);
        var breached = windows.get(0);
        assertThat(breached.path("start").asText()).isEqualTo(drifted.toString());
        assertThat(breached.path("records").asLong()).isEqualTo(300);
        assertThat(breached.path("verdict").asText()).isEqualTo("BREACH");
        var columns = breached.path("columns");
        assertThat(columns.get(0).path("column").asText()).isEqualTo("income");
        assertThat(columns.get(0).path("verdict").asText()).isEqualTo("BREACH");
        assertThat(columns.get(0).path("value").asDouble()).isGreaterThan(0.25);
        assertThat(columns.get(0).path("breach").asDouble()).isEqualTo(0.25);
        assertThat(columns.get(1).path("column").asText()).isEqualTo("segment");
        assertThat(columns.get(1).path("verdict").asText()).isEqualTo("PASS");
        assertThat(columns.get(2).path("column").asText()).isEqualTo("prediction");
        assertThat(columns.get(2).path("verdict").asText()).isEqualTo("PASS");
        var insufficient = windows.get(1);
        assertThat(insufficient.path("records").asLong()).isEqualTo(50);
        assertThat(insufficient.path("verdict").asText()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(status.field("verdict")).isEqualTo("BREACH");
        assertThat(status.field("explanation")).contains("1 of the last 2 windows breached");
        assertThat(status.json().path("policy").path("name").asText()).isEqualTo(model);
        assertThat(Database.count("SELECT coalesce(sum(count), 0) FROM monitoring_window_counts c JOIN model_versions v"
                + " ON v.id = c.version_id JOIN registered_models m ON m.id = v.model_id WHERE m.name = ?"
                + " AND c.column_name = 'prediction' AND c.window_start IN (?, ?)", model,
                java.sql.Timestamp.from(drifted), java.sql.Timestamp.from(thin))).isEqualTo(350);

        assertThat(verdicts.evaluate(model, 1)).hasValue(MonitoringVerdict.BREACH);
        assertThat(verdicts.evaluate(model, 1)).as("a verdict that stands is not recorded again").isEmpty();
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE action = 'monitoring.verdict-changed'"
                + " AND subject_id = ? AND details->>'from' = 'INSUFFICIENT_DATA' AND details->>'to' = 'BREACH'"
                + " AND details->>'policySha256' = ? AND jsonb_array_length(details->'windows') = 2",
                model + "/1", status.json().path("policy").path("sha256").asText())).isEqualTo(1);
    }

    @Test
    void aRecordOfTheWrongTypeRefusesTheBatchNamingRecordAndField() {
        var batch = batch("typed", closedWindow(3), 3, k -> k).replace("\"income\": 1,", "\"income\": \"high\",");

        var refused = api().post(base + "/predictions", collector(), batch);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("records[1].features.income");
        assertThat(refused.json().path("errors").get(0).path("message").asText()).contains("expected a number");
        assertThat(Database.count("SELECT count(*) FROM monitoring_records WHERE record_id LIKE 'typed-%'")).isZero();
    }

    @Test
    void aRecordWithoutAUsableTimeIsRefusedNamingIt() {
        var batch = batch("timed", closedWindow(3), 2, k -> k).replaceFirst("\"time\": \"[^\"]*\"",
                "\"time\": \"yesterday\"");

        var refused = api().post(base + "/predictions", collector(), batch);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("records[0].time");
    }

    @Test
    void anOversizedBatchIsRefusedWith413() {
        var records = new ArrayList<String>();
        for (int k = 0; k <= PredictionIngestion.MAX_BATCH; k++) {
            records.add("{\"id\":\"" + k + "\",\"time\":\"2026-11-01T00:00:00Z\",\"arm\":\"shadow\",\"features\":{},"
                    + "\"prediction\":1}");
        }
        var refused = api().post(base + "/predictions", collector(), "{\"records\": [" + String.join(",", records)
                + "]}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(413);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.field("type")).isEqualTo("/problems/batch-too-large");
    }

    @Test
    void onlyCollectorsAndEngineersSendPredictions() {
        assertThat(api().post(base + "/predictions", dana(), batch("dana", closedWindow(3), 1, k -> k)).status())
                .isEqualTo(403);
        assertThat(api().send("POST", base + "/baseline", collector(), baselineCsv(), Map.of("Content-Type",
                "text/csv")).status()).isEqualTo(403);
    }

    @Test
    void aVersionWithoutBaselineRefusesPredictionsAndIsNeverAPass() {
        var submitted = api().post("/api/v1/models/" + model + "/versions", erin(), submission(0.92));
        var second = "/api/v1/models/" + model + "/versions/" + submitted.json().path("version").asInt();

        var refused = api().post(second + "/predictions", collector(), batch("nobase", closedWindow(3), 1, k -> k));
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.field("type")).isEqualTo("/problems/no-baseline");
        var status = api().get(second + "/monitoring", dana());
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        assertThat(status.field("verdict")).isEqualTo("INSUFFICIENT_DATA");
    }

    @Test
    void aJsonLinesBaselineIsReadLineByLineAndABadLineIsNamed() {
        var submitted = api().post("/api/v1/models/" + model + "/versions", erin(), submission(0.93));
        var path = "/api/v1/models/" + model + "/versions/" + submitted.json().path("version").asInt();
        var lines = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            lines.append("{\"features\": {\"income\": ").append(i).append(", \"segment\": \"")
                    .append(SEGMENTS[i % 4]).append("\"}, \"prediction\": ").append(i % 2 == 0).append("}\n");
        }
        var broken = lines.toString().replaceFirst("\\{\"features\": \\{\"income\": 7,",
                "{\"features\": {\"income\": [7],");

        var refused = api().send("POST", path + "/baseline", erin(), broken, Map.of("Content-Type",
                "application/x-ndjson"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("line 8.features.income");

        var recorded = api().send("POST", path + "/baseline", erin(), lines.toString(), Map.of("Content-Type",
                "application/jsonl"));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        assertThat(recorded.json().path("columns").get(2).path("bins").toString())
                .isEqualTo("[\"false\",\"true\",\"unseen\",\"missing\"]");
    }

    @Test
    void theSameBatchFromEightCollectorsAtOnceIsCountedOnce() throws Exception {
        var window = closedWindow(5);
        var batch = batch("concurrent", window, 100, k -> k * 10);

        var answers = Concurrently.run(8, i -> {
            var answer = api().post(base + "/predictions", collector(), batch);
            while (answer.status() == 429) {
                Thread.sleep(50);
                answer = api().post(base + "/predictions", collector(), batch);
            }
            return answer;
        });

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));
        assertThat(answers.stream().mapToInt(answer -> answer.json().path("accepted").asInt()).sum()).isEqualTo(100);
        assertThat(Database.count("SELECT coalesce(sum(count), 0) FROM monitoring_window_counts c JOIN model_versions v"
                + " ON v.id = c.version_id JOIN registered_models m ON m.id = v.model_id WHERE m.name = ?"
                + " AND c.window_start = ? AND c.column_name = 'income'", model,
                java.sql.Timestamp.from(window))).isEqualTo(100);
    }

    @Test
    void aBaselineColumnNameBreakingTheInputRulesIsRefusedNamingIt() {
        var submitted = api().post("/api/v1/models/" + model + "/versions", erin(), submission(0.94));
        var path = "/api/v1/models/" + model + "/versions/" + submitted.json().path("version").asInt();

        var tooLong = uploadCsv(path, baselineCsv().replaceFirst("segment", "s".repeat(201)));
        assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(400);
        assertThat(tooLong.json().path("errors").get(0).path("rule").asText()).isEqualTo("maxLength");
        var control = uploadCsv(path, baselineCsv().replace("\n5,b,", "\n5,b\u0007x,"));
        assertThat(control.status()).as(control.body()).isEqualTo(400);
        assertThat(control.json().path("errors").get(0).path("field").asText()).isEqualTo("line 7.segment");
        assertThat(control.json().path("errors").get(0).path("rule").asText()).isEqualTo("control-character");
    }

    @Test
    void aReplicaCountingAllItMayAnswers429WithRetryAfterAndCountsNothing() {
        var batch = batch("busy", closedWindow(6), 10, k -> k);
        var held = 0;
        while (gate.tryEnter()) {
            held++;
        }
        try {
            var busy = api().post(base + "/predictions", collector(), batch);
            assertThat(busy.status()).as(busy.body()).isEqualTo(429);
            assertThat(busy.field("type")).isEqualTo("/problems/ingestion-busy");
            assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
        } finally {
            for (int i = 0; i < held; i++) {
                gate.leave();
            }
        }
        assertThat(Database.count(
                "SELECT count(*) FROM monitoring_records r JOIN model_versions v ON v.id = r.version_id"
                        + " JOIN registered_models m ON m.id = v.model_id WHERE m.name = ? AND r.record_id LIKE 'busy-%'",
                model)).isZero();
        var retried = api().post(base + "/predictions", collector(), batch);
        assertThat(retried.json().path("accepted").asInt()).as(retried.body()).isEqualTo(10);
    }

    @Test
    void countsLandInTheirMonthsPartitionWhichIsPreparedAhead() {
        var window = closedWindow(8);
        assertThat(api().post(base + "/predictions", collector(), batch("partitioned", window, 5, k -> k)).status())
                .isEqualTo(200);

        var month = DateTimeFormatter.ofPattern("yyyy_MM").withZone(ZoneOffset.UTC).format(window);
        assertThat(Database.count("SELECT count(*) FROM monitoring_window_counts_" + month + " c JOIN model_versions v"
                + " ON v.id = c.version_id JOIN registered_models m ON m.id = v.model_id WHERE m.name = ?", model))
                .isPositive();
        assertThat(Database.count("SELECT count(*) FROM monitoring_records_" + month + " WHERE record_id LIKE"
                + " 'partitioned-%'")).isPositive();
        assertThat(Database.count("SELECT monitoring_prepare_partitions(2)")).as("every month is there already")
                .isZero();
        assertThat(Database.count("SELECT count(*) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent"
                + " WHERE p.relname = 'monitoring_window_counts'")).as("default, last month, this month, two ahead")
                .isGreaterThanOrEqualTo(5);
        assertThatThrownBy(() -> Database.count("SELECT monitoring_drop_partitions('2000-01-01')"))
                .as("retention is the operator's: the service's role may not drop windows")
                .hasMessageContaining("permission denied");
    }
}
