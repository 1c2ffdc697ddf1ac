package org.modelops.governance.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelops.governance.testing.MonitoringFixtures.SEGMENTS;
import static org.modelops.governance.testing.MonitoringFixtures.closedWindow;
import static org.modelops.governance.testing.MonitoringFixtures.collector;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelops.governance.monitoring.model.MonitoringVerdict;
import org.modelops.governance.testing.Concurrently;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.MonitoringFixtures;
import org.modelops.governance.testing.MonitoringPolicy;
import org.modelops.governance.testing.ServiceTest;

/** Predictions and outcomes → data quality, performance and service verdicts, audited and published once. */
@MicronautTest(transactional = false)
class SignalsMonitoringTest extends ServiceTest {

    @Inject
    SignalVerdicts verdicts;

    @Inject
    RecordedVerdictChanges published;

    private String model;
    private String base;

    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    @BeforeAll
    void registerAMonitoredVersion() {
        model = uniqueName("signals");
        var fixtures = new MonitoringFixtures(api());
        fixtures.register(MonitoringPolicy.of(model, model).defaultRollout()
                .drift(50, 1, 2, "[alert]")
                .dataQuality(50, "{ warn: 100, breach: 20 }", 1, 2, "[alert, review]")
                .performance("PT1M", 1, 2, "[alert, rollback]").kpi("recall: { warn: 0.6, breach: 0.5 }")
                .service(50, 1, 2, "[alert, rollback]").serviceLevel("latencyP95Ms: { warn: 200, breach: 500 }"),
                model, "HIGH");
        assertThat(api().post("/api/v1/models/" + model + "/versions", erin(), submission(0.91)).status())
                .isEqualTo(201);
        base = "/api/v1/models/" + model + "/versions/1";
        fixtures.baseline(model, 1, true);
    }

    /**
     * Records whose income is missing for every fifth, that fail for every tenth, take 100 ms (every twentieth
     * 900 ms), and score at random against their outcome (an AUC near 0.5).
     */
    private static String batch(String prefix, Instant window, int from, int size) {
        var records = new ArrayList<String>();
        for (int k = from; k < from + size; k++) {
            var income = k % 5 == 0 ? "null" : Integer.toString(k % 1000);
            records.add("""
                    {"id": "%s-%d", "time": "%s", "arm": "champion", "features": {"income": %s, "segment": "%s"},
                     "prediction": %s, "score": %s, "latencyMs": %d, "error": %s}"""
                    .formatted(prefix, k, window.plusSeconds(k % 3000), income, SEGMENTS[k % 4], (k % 10) / 10.0,
                            ((k * 7919) % 10000) / 10000.0, k % 20 == 0 ? 900 : 100, k % 10 == 0));
        }
        return "{\"records\": [" + String.join(",", records) + "]}";
    }

    private static String outcomes(String prefix, int from, int size) {
        var records = new ArrayList<String>();
        for (int k = from; k < from + size; k++) {
            records.add("{\"predictionId\": \"%s-%d\", \"outcome\": %d, \"time\": \"%s\"}".formatted(prefix, k,
                    (k * 31) % 2, Instant.now().minusSeconds(60)));
        }
        return "{\"records\": [" + String.join(",", records) + "]}";
    }

    private long tally(String signal, Instant window, String tally) {
        return Database.count("SELECT coalesce(sum(t.count), 0) FROM monitoring_window_tallies t JOIN model_versions v"
                + " ON v.id = t.version_id JOIN registered_models m ON m.id = v.model_id WHERE m.name = ?"
                + " AND t.signal = ? AND t.window_start = ? AND t.tally = ?", model, signal, Timestamp.from(window),
                tally);
    }

    @Test
    void everySignalIsJudgedAuditedAndPublishedOnceWhenItChanges() {
        var window = closedWindow(2);
        var sent = api().post(base + "/predictions", collector(), batch("p", window, 0, 300));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);

        var first = api().post(base + "/outcomes", collector(), outcomes("p", 0, 250));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("accepted").asInt()).isEqualTo(250);
        var retried = api().post(base + "/outcomes", collector(), outcomes("p", 0, 250));
        assertThat(retried.json().path("accepted").asInt()).as(retried.body()).isZero();
        assertThat(retried.json().path("duplicates").asInt()).isEqualTo(250);
        assertThat(tally("performance", window, "outcomes")).as("idempotent by prediction id").isEqualTo(250);

        var status = api().get(base + "/monitoring?windows=3", dana());
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        var signals = status.json().path("signals");
        assertThat(signals.size()).isEqualTo(4);
        assertThat(signals.get(0).path("signal").asText()).isEqualTo("drift");
        var quality = signals.get(1);
        assertThat(quality.path("signal").asText()).isEqualTo("data-quality");
        assertThat(quality.path("verdict").asText()).as(quality.toString()).isEqualTo("BREACH");
        var judged = new ArrayList<com.fasterxml.jackson.databind.JsonNode>();
        quality.path("windows").forEach(candidate -> {
            if (candidate.path("start").asText().equals(window.toString())) {
                judged.add(candidate);
            }
        });
        assertThat(judged).hasSize(1);
        var missing = judged.getFirst().path("measures").findParents("metric").stream()
                .filter(measure -> measure.path("metric").asText().equals("missingRate")).findFirst().orElseThrow();
        assertThat(missing.path("value").asDouble()).isEqualTo(0.2);
        assertThat(missing.path("detail").path("column").asText()).isEqualTo("income");
        assertThat(missing.path("verdict").asText()).isEqualTo("BREACH");
        var performance = signals.get(2);
        assertThat(performance.path("verdict").asText()).as(performance.toString()).isEqualTo("BREACH");
        var service = signals.get(3);
        assertThat(service.path("verdict").asText()).as(service.toString()).isEqualTo("BREACH");
        assertThat(status.field("overall")).isEqualTo("BREACH");

        var series = api().get(base + "/monitoring/series?signal=performance&metric=auc&windows=3", dana());
        assertThat(series.status()).as(series.body()).isEqualTo(200);
        assertThat(series.field("direction")).isEqualTo("below");
        assertThat(series.json().path("breach").asDouble()).isEqualTo(0.75);
        var points = new ArrayList<com.fasterxml.jackson.databind.JsonNode>();
        series.json().path("points").forEach(candidate -> {
            if (candidate.path("windowStart").asText().equals(window.toString())) {
                points.add(candidate);
            }
        });
        assertThat(points).as(series.body()).hasSize(1);
        var point = points.getFirst();
        assertThat(point.path("count").asLong()).isEqualTo(250);
        assertThat(point.path("upper").asDouble()).isLessThan(0.75).isGreaterThan(point.path("value").asDouble());
        assertThat(point.path("verdict").asText()).isEqualTo("BREACH");
        var latency = api().get(base + "/monitoring/series?signal=service&metric=latencyP95Ms", dana());
        assertThat(latency.json().path("points").path(0).path("lower").isNull()).as(latency.body()).isTrue();

        published.changes.clear();
        var changed = verdicts.evaluate(model, 1);
        assertThat(changed).containsEntry("data-quality", MonitoringVerdict.BREACH)
                .containsEntry("performance", MonitoringVerdict.BREACH)
                .containsEntry("service", MonitoringVerdict.BREACH);
        assertThat(verdicts.evaluate(model, 1)).as("verdicts that stand are not recorded again").isEmpty();
        var performanceChange = published.changes.stream().filter(change -> change.signal().equals("performance"))
                .toList();
        assertThat(performanceChange).hasSize(1);
        assertThat(performanceChange.getFirst().previous()).isNull();
        assertThat(performanceChange.getFirst().current()).isEqualTo("BREACH");
        assertThat(performanceChange.getFirst().modelName()).isEqualTo(model);
        assertThat(performanceChange.getFirst().evidence()).containsKeys("windows", "policySha256", "labelDelay");
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE action = 'monitoring.verdict-changed'"
                + " AND subject_id = ? AND details->>'signal' = 'performance' AND details->>'to' = 'BREACH'"
                + " AND details->'windows'->0->'measures' @> '[{\"metric\": \"auc\", \"verdict\": \"BREACH\"}]'",
                model + "/1")).isEqualTo(1);
    }

    @Test
    void outcomesBeforeTheirPredictionOrChangingARecordedOneAreRefusedNamingTheField() {
        var window = closedWindow(4);
        assertThat(api().post(base + "/predictions", collector(), batch("q", window, 0, 10)).status())
                .isEqualTo(200);
        assertThat(api().post(base + "/outcomes", collector(), outcomes("q", 0, 1)).status()).isEqualTo(200);

        var unknown = api().post(base + "/outcomes", collector(), outcomes("q", 5, 10));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("records[5].predictionId", "unknown-prediction");
        assertThat(tally("performance", window, "outcomes")).as("all or nothing").isEqualTo(1);

        var changed = api().post(base + "/outcomes", collector(),
                "{\"records\": [{\"predictionId\": \"q-0\", \"outcome\": 1, \"time\": \"2026-01-01T00:00:00Z\"}]}");
        assertThat(changed.status()).isEqualTo(400);
        assertThat(changed.body()).contains("records[0].outcome", "outcome-recorded");
        var notAClass = api().post(base + "/outcomes", collector(),
                "{\"records\": [{\"predictionId\": \"q-1\", \"outcome\": 0.3, \"time\": \"2026-01-01T00:00:00Z\"}]}");
        assertThat(notAClass.body()).contains("records[0].outcome", "class");
        var badSignal = api().get(base + "/monitoring/series?signal=mood&metric=auc", dana());
        assertThat(badSignal.status()).isEqualTo(400);
        assertThat(badSignal.body()).contains("signal");
        var badMetric = api().get(base + "/monitoring/series?signal=service&metric=colour", dana());
        assertThat(badMetric.status()).isEqualTo(400);
        assertThat(badMetric.body()).contains("metric", "errorRate");
    }

    @Test
    void recentWindowsWaitForLabelsAndTheModelPageListsServingVersions() {
        // the window that is still open has no closed window; a window closed a moment ago is not mature for PT1M
        var status = api().get(base + "/monitoring?windows=1", dana());
        var performance = status.json().path("signals").get(2);
        assertThat(performance.path("signal").asText()).isEqualTo("performance");
        var page = api().get("/api/v1/models/" + model + "/monitoring", dana());
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.field("model")).isEqualTo(model);
        assertThat(page.json().path("versions").isArray()).isTrue();
    }

    @Test
    void manyCollectorsAtOnceLoseNothingAndARestartContinuesTheWindow() throws Exception {
        var window = closedWindow(6);
        Concurrently.run(8, i -> {
            var answer = api().post(base + "/predictions", collector(), batch("c" + i, window, 0, 100));
            while (answer.status() == 429) {
                Thread.sleep(50);
                answer = api().post(base + "/predictions", collector(), batch("c" + i, window, 0, 100));
            }
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer;
        });
        assertThat(tally("data-quality", window, "records")).isEqualTo(800);
        assertThat(tally("service", window, "errors")).isEqualTo(80);

        // a new application context (a restarted replica) counts into the same window, on top of what is stored
        try (var restarted = ApplicationContext.run(Map.<String, Object>copyOf(getProperties()), "test")) {
            var ingestion = restarted.getBean(PredictionIngestion.class);
            var records = new ArrayList<PredictionRecord>();
            for (int k = 0; k < 50; k++) {
                records.add(new PredictionRecord("r-" + k, window.plusSeconds(k).toString(), "champion",
                        Map.of("income", k, "segment", "a"), 0.1, 0.5, 10.0, false));
            }
            assertThat(ingestion.ingest(model, 1, List.copyOf(records)).accepted()).isEqualTo(50);
        }
        assertThat(tally("data-quality", window, "records")).isEqualTo(850);
        assertThat(tally("performance", window, "predictions")).isEqualTo(850);
    }
}
