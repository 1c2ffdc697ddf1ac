package org.modelops.governance.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelops.governance.monitoring.model.DriftJudge;
import org.modelops.governance.testing.Concurrently;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;

/**
 * Outcomes joined to their predictions in one statement per batch ({@code MonitoringStore.joinOutcomes}): a retried
 * batch adds nothing, overlapping batches sent at once count every prediction id exactly once, a batch with an
 * outcome for an unknown prediction is refused whole (although the statement had inserted its other outcomes), and a
 * concurrent, different outcome for the same ids is refused rather than counted.
 */
@MicronautTest(transactional = false)
class OutcomeJoinTest extends ServiceTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final String[] GENDERS = {"F", "M"};

    private String model;
    private String base;

    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    private static String collector() {
        return IDP.tokenFor("serving-logger", "collector");
    }

    @BeforeAll
    void registerAMonitoredVersion() {
        model = uniqueName("outcomes");
        var policy = """
                name: %s
                appliesTo: { models: [%s] }
                approvals: { count: 1, roles: [domain-expert] }
                monitoring:
                  drift:
                    window: PT1H
                    minSample: 50
                    psi: { warn: 0.1, breach: 0.25 }
                    jensenShannon: { warn: 0.1, breach: 0.2 }
                    consecutive: { breaches: 1, of: 2 }
                    onBreach: [alert]
                  performance:
                    window: PT1H
                    labelDelay: PT1M
                    minSample: 100
                    coverage: 0.5
                    kpis:
                      auc: { warn: 0.8, breach: 0.75 }
                    fairness:
                      - { metric: recall, slice: gender, maxGap: { warn: 0.05, breach: 0.10 } }
                    consecutive: { breaches: 1, of: 2 }
                    onBreach: [alert]
                """.formatted(model, model);
        var ada = IDP.tokenFor("ada", "governance-admin");
        var published = api().post("/api/v1/policies", ada, policy, Map.of("Content-Type", "application/yaml"));
        assertThat(published.status()).as(published.body()).isIn(200, 201);
        assertThat(api().post("/api/v1/models", erin(), registration(model, "HIGH")).status()).isEqualTo(201);
        assertThat(api().post("/api/v1/models/" + model + "/versions", erin(), submission(0.91)).status())
                .isEqualTo(201);
        base = "/api/v1/models/" + model + "/versions/1";
        var csv = new StringBuilder("income,gender,prediction\n");
        for (int i = 0; i < 1000; i++) {
            csv.append(i).append(',').append(GENDERS[i % 2]).append(',').append((i % 10) / 10.0).append('\n');
        }
        var uploaded = api().send("POST", base + "/baseline", erin(), csv.toString(), Map.of("Content-Type",
                "text/csv"));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
    }

    private static Instant window(int hoursAgo) {
        return DriftJudge.windowStart(Instant.now(), HOUR).minus(HOUR.multipliedBy(hoursAgo));
    }

    private static double score(int k) {
        return ((k * 7919) % 10000) / 10000.0;
    }

    private static int outcomeOf(int k) {
        return (k * 31) % 2;
    }

    /** Predictions {prefix}-{from}…, made within the window (the last one 0.75 s before it ends). */
    private void predict(String prefix, Instant window, int from, int size) {
        var records = new ArrayList<String>();
        for (int k = from; k < from + size; k++) {
            var time = k == from + size - 1 ? window.plusMillis(3_599_250) : window.plusSeconds(k % 3000);
            records.add("""
                    {"id": "%s-%d", "time": "%s", "arm": "champion", "features": {"income": %d, "gender": "%s"},
                     "prediction": %s, "score": %s}""".formatted(prefix, k, time, k % 1000, GENDERS[k % 2],
                    score(k), score(k)));
        }
        var answer = api().post(base + "/predictions", collector(), "{\"records\": [" + String.join(",", records)
                + "]}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private static String outcomes(String prefix, List<Integer> ks) {
        var records = new ArrayList<String>();
        for (var k : ks) {
            records.add("{\"predictionId\": \"%s-%d\", \"outcome\": %d, \"time\": \"%s\"}".formatted(prefix, k,
                    outcomeOf(k), Instant.now().minusSeconds(60)));
        }
        return "{\"records\": [" + String.join(",", records) + "]}";
    }

    private static List<Integer> range(int from, int size) {
        var out = new ArrayList<Integer>();
        for (int k = from; k < from + size; k++) {
            out.add(k);
        }
        return out;
    }

    /** Every performance tally cell of the window: tally/bin → count and total. */
    private List<String> cells(Instant window) {
        return Database.strings("SELECT t.tally || '/' || t.bin || '=' || t.count || ',' || t.total"
                + " FROM monitoring_window_tallies t JOIN model_versions v ON v.id = t.version_id"
                + " JOIN registered_models m ON m.id = v.model_id WHERE m.name = ? AND t.signal = 'performance'"
                + " AND t.window_start = ? ORDER BY t.tally, t.bin", model, Timestamp.from(window));
    }

    private long sum(Instant window, String column, String tallyLike) {
        return Database.count(
                "SELECT coalesce(round(sum(t." + column + ")), 0)::bigint FROM monitoring_window_tallies t"
                        + " JOIN model_versions v ON v.id = t.version_id JOIN registered_models m ON m.id = v.model_id"
                        + " WHERE m.name = ? AND t.signal = 'performance' AND t.window_start = ? AND t.tally LIKE ?",
                model,
                Timestamp.from(window), tallyLike);
    }

    private long stored(String prefix) {
        return Database.count("SELECT count(*) FROM monitoring_outcomes o JOIN model_versions v ON v.id = o.version_id"
                + " JOIN registered_models m ON m.id = v.model_id WHERE m.name = ? AND o.prediction_id LIKE ?", model,
                prefix + "-%");
    }

    @Test
    void aRetriedBatchAddsNothingAndAnIdTwiceInABatchCountsOnce() {
        var window = window(3);
        predict("t", window, 0, 300);
        var ks = range(0, 300);
        ks.add(7); // the same outcome twice in one batch
        var first = api().post(base + "/outcomes", collector(), outcomes("t", ks));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("accepted").asInt()).isEqualTo(300);
        assertThat(first.json().path("duplicates").asInt()).isEqualTo(1);
        assertThat(first.json().path("windows").get(0).asText()).isEqualTo(window.toString());
        var before = cells(window);
        assertThat(sum(window, "count", "outcomes")).isEqualTo(300);
        assertThat(sum(window, "count", "score:_:*")).as("one score per outcome").isEqualTo(300);
        assertThat(sum(window, "count", "confusion:gender=%")).as("one confusion cell per outcome and slice")
                .isEqualTo(300);

        var retried = api().post(base + "/outcomes", collector(), outcomes("t", ks));
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().path("accepted").asInt()).isZero();
        assertThat(retried.json().path("duplicates").asInt()).isEqualTo(301);
        assertThat(cells(window)).as("the retry changed no tally").isEqualTo(before);
        assertThat(stored("t")).isEqualTo(300);
        // the outcome's window is its prediction's (computed in SQL for the insert, in Java for the tallies)
        assertThat(Database.count("SELECT count(*) FROM monitoring_outcomes o JOIN model_versions v"
                + " ON v.id = o.version_id JOIN registered_models m ON m.id = v.model_id WHERE m.name = ?"
                + " AND o.prediction_id LIKE 't-%' AND o.window_start = ?", model, Timestamp.from(window)))
                .isEqualTo(300);
    }

    @Test
    void overlappingBatchesSentAtOnceCountEveryPredictionOnce() throws Exception {
        var window = window(5);
        predict("c", window, 0, 500);
        predict("c", window, 500, 500);
        // 8 collectors, each sending ids [100·i, 100·i + 300) in its own order, twice: every id is sent 2 to 6 times
        var answers = Concurrently.run(8, i -> {
            var ks = range(100 * i, Math.min(300, 1000 - 100 * i));
            Collections.shuffle(ks, new Random(i));
            int accepted = 0;
            for (int round = 0; round < 2; round++) {
                var answer = api().post(base + "/outcomes", collector(), outcomes("c", ks));
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                accepted += answer.json().path("accepted").asInt();
            }
            return accepted;
        });
        assertThat(answers.stream().mapToInt(Integer::intValue).sum()).as("accepted once per id").isEqualTo(1000);
        assertThat(stored("c")).isEqualTo(1000);
        assertThat(sum(window, "count", "outcomes")).isEqualTo(1000);
        assertThat(sum(window, "count", "score:_:*")).isEqualTo(1000);
        assertThat(sum(window, "count", "score:_:gender=%")).isEqualTo(1000);
        assertThat(sum(window, "count", "confusion:*")).isEqualTo(1000);
        long positives = range(0, 1000).stream().filter(k -> outcomeOf(k) == 1).count();
        assertThat(sum(window, "count", "score:1:*")).isEqualTo(positives);
        double scores = range(0, 1000).stream().mapToDouble(OutcomeJoinTest::score).sum();
        assertThat(sum(window, "total", "score:_:*")).as("Σ scores, each once").isEqualTo(Math.round(scores));
    }

    @Test
    void anOutcomeForAnUnknownPredictionRefusesTheBatchWholeNamingTheRecord() {
        var window = window(7);
        predict("u", window, 0, 20);
        var ks = range(0, 10);
        ks.add(3, 999); // records[3]: no such prediction
        var refused = api().post(base + "/outcomes", collector(), outcomes("u", ks));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("records[3].predictionId", "unknown-prediction");
        assertThat(refused.body()).doesNotContain("records[2].", "records[4].");
        assertThat(stored("u")).as("all or nothing: the statement's inserts were rolled back").isZero();
        assertThat(cells(window).stream().filter(cell -> !cell.startsWith("predictions/"))).isEmpty();

        var fixed = api().post(base + "/outcomes", collector(), outcomes("u", range(0, 10)));
        assertThat(fixed.json().path("accepted").asInt()).as(fixed.body()).isEqualTo(10);
        assertThat(sum(window, "count", "outcomes")).isEqualTo(10);
    }

    @Test
    void aDifferentOutcomeForTheSameIdsSentAtOnceIsRefusedNotCounted() throws Exception {
        var window = window(9);
        predict("d", window, 0, 200);
        var statuses = Concurrently.run(2, i -> {
            var records = new ArrayList<String>();
            for (int k = 0; k < 200; k++) {
                records.add("{\"predictionId\": \"d-%d\", \"outcome\": %d, \"time\": \"%s\"}".formatted(k, i,
                        Instant.now().minusSeconds(60)));
            }
            var answer = api().post(base + "/outcomes", collector(), "{\"records\": [" + String.join(",", records)
                    + "]}");
            if (answer.status() == 400) {
                assertThat(answer.body()).contains("outcome-recorded");
            }
            return answer.status();
        });
        assertThat(statuses).containsExactlyInAnyOrder(200, 400);
        assertThat(stored("d")).isEqualTo(200);
        assertThat(sum(window, "count", "outcomes")).isEqualTo(200);
        assertThat(sum(window, "count", "confusion:*")).isEqualTo(200);
    }
}
