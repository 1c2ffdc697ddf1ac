package org.modelops.governance.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.modelops.governance.monitoring.model.DriftJudge;
import org.modelops.governance.testing.Concurrently;
import org.modelops.governance.testing.ServiceTest;

/**
 * Records ingested per second through the API (batches of 500, 20 numeric features, with latency; drift, data
 * quality and service watched), each batch followed by its 500 outcomes joined by prediction id (performance
 * watched), at 1 and 8 clients, on the embedded service and the test database. Not a test (no *Test name, so the
 * build skips it); run it with {@code -Dtest=IngestionBenchmark}. Prints one line per row, with the mean time of a
 * prediction batch and of an outcome batch (their ratio says more than the rates on a shared machine).
 */
@MicronautTest(transactional = false)
class IngestionBenchmark extends ServiceTest {

    private static final int FEATURES = 20;
    private static final int BATCH = 500;
    private static final Duration SECONDS = Duration.ofSeconds(15);

    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    @Test
    void recordsPerSecond() throws Exception {
        var model = uniqueName("bench");
        var policy = """
                name: %s
                appliesTo: { models: [%s] }
                approvals: { count: 1, roles: [domain-expert] }
                monitoring:
                  drift:
                    window: PT1H
                    minSample: 1000
                    psi: { warn: 0.1, breach: 0.25 }
                    jensenShannon: { warn: 0.1, breach: 0.2 }
                    consecutive: { breaches: 2, of: 3 }
                    onBreach: [alert]
                  dataQuality:
                    window: PT1H
                    minSample: 1000
                    missingRate: { warn: 0.05, breach: 0.1 }
                    outOfRangeRate: { warn: 0.02, breach: 0.05 }
                    minRecords: { warn: 1000, breach: 100 }
                    consecutive: { breaches: 2, of: 3 }
                    onBreach: [alert]
                  performance:
                    window: PT1H
                    labelDelay: PT1M
                    minSample: 200
                    coverage: 0.5
                    kpis:
                      auc: { warn: 0.7, breach: 0.6 }
                    consecutive: { breaches: 2, of: 3 }
                    onBreach: [alert]
                  service:
                    window: PT1H
                    minSample: 100
                    errorRate: { warn: 0.01, breach: 0.05 }
                    latencyP95Ms: { warn: 200, breach: 500 }
                    consecutive: { breaches: 2, of: 3 }
                    onBreach: [alert]
                """.formatted(model, model);
        var ada = IDP.tokenFor("ada", "governance-admin");
        assertThat(api().post("/api/v1/policies", ada, policy, Map.of("Content-Type", "application/yaml")).status())
                .isIn(200, 201);
        assertThat(api().post("/api/v1/models", erin(), registration(model, "HIGH")).status()).isEqualTo(201);
        assertThat(api().post("/api/v1/models/" + model + "/versions", erin(), submission(0.91)).status())
                .isEqualTo(201);
        var base = "/api/v1/models/" + model + "/versions/1";
        var random = new Random(7);
        var csv = new StringBuilder();
        for (int f = 0; f < FEATURES; f++) {
            csv.append("f").append(f).append(',');
        }
        csv.append("prediction\n");
        for (int i = 0; i < 1000; i++) {
            for (int f = 0; f < FEATURES; f++) {
                csv.append(Math.round(random.nextGaussian() * 1000) / 100.0).append(',');
            }
            csv.append(random.nextDouble()).append('\n');
        }
        var uploaded = api().send("POST", base + "/baseline", erin(), csv.toString(), Map.of("Content-Type",
                "text/csv"));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        var collector = IDP.tokenFor("bench", "collector");
        var window = DriftJudge.windowStart(Instant.now(), Duration.ofHours(1));
        var ids = new AtomicLong();
        for (var clients : new int[]{1, 8}) {
            var records = new AtomicLong();
            var outcomes = new AtomicLong();
            var errors = new AtomicLong();
            var predictionNanos = new AtomicLong();
            var outcomeNanos = new AtomicLong();
            var batches = new AtomicLong();
            var end = System.nanoTime() + SECONDS.toNanos();
            var start = System.nanoTime();
            Concurrently.run(clients, client -> {
                var local = new Random(client);
                while (System.nanoTime() < end) {
                    var batch = new ArrayList<String>();
                    var labels = new ArrayList<String>();
                    for (int k = 0; k < BATCH; k++) {
                        var features = new StringBuilder();
                        for (int f = 0; f < FEATURES; f++) {
                            features.append(f == 0 ? "" : ",").append("\"f").append(f).append("\":")
                                    .append(Math.round(local.nextGaussian() * 1000) / 100.0);
                        }
                        var id = "r" + ids.incrementAndGet();
                        var score = local.nextDouble();
                        batch.add("{\"id\":\"" + id + "\",\"time\":\"" + window
                                + "\",\"arm\":\"champion\",\"features\":{" + features + "},\"prediction\":"
                                + score + ",\"score\":" + score + ",\"latencyMs\":" + (5 + local.nextInt(200)) + "}");
                        labels.add(
                                "{\"predictionId\":\"" + id + "\",\"outcome\":" + (local.nextDouble() < score ? 1 : 0)
                                        + ",\"time\":\"" + window.plusSeconds(60) + "\"}");
                    }
                    var predictionBody = "{\"records\":[" + String.join(",", batch) + "]}";
                    var outcomeBody = "{\"records\":[" + String.join(",", labels) + "]}";
                    var sent = System.nanoTime();
                    var answer = api().post(base + "/predictions", collector, predictionBody);
                    var predicted = System.nanoTime();
                    predictionNanos.addAndGet(predicted - sent);
                    if (answer.status() == 200) {
                        records.addAndGet(answer.json().path("accepted").asLong());
                    } else {
                        errors.incrementAndGet();
                        continue;
                    }
                    // its outcomes, joined by prediction id (here at once; in production days later)
                    var joined = api().post(base + "/outcomes", collector, outcomeBody);
                    outcomeNanos.addAndGet(System.nanoTime() - predicted);
                    batches.incrementAndGet();
                    if (joined.status() == 200) {
                        outcomes.addAndGet(joined.json().path("accepted").asLong());
                    } else {
                        errors.incrementAndGet();
                    }
                }
                return null;
            });
            var seconds = (System.nanoTime() - start) / 1e9;
            var verdictStart = System.nanoTime();
            api().get(base + "/monitoring", erin());
            System.out.printf("BENCH clients=%d records=%d outcomes=%d seconds=%.1f records/s=%.0f outcomes/s=%.0f"
                    + " refused-batches=%d status-ms=%.0f prediction-batch-ms=%.1f outcome-batch-ms=%.1f%n", clients,
                    records.get(), outcomes.get(), seconds, records.get() / seconds, outcomes.get() / seconds,
                    errors.get(), (System.nanoTime() - verdictStart) / 1e6,
                    predictionNanos.get() / 1e6 / Math.max(1, batches.get()),
                    outcomeNanos.get() / 1e6 / Math.max(1, batches.get()));
        }
        // Nothing lost: every accepted record and outcome is in the stored tallies of the window.
        long stored = org.modelops.governance.testing.Database.count("SELECT count(*) FROM monitoring_records r"
                + " JOIN model_versions v ON v.id = r.version_id JOIN registered_models m ON m.id = v.model_id"
                + " WHERE m.name = ?", model);
        long joined = org.modelops.governance.testing.Database.count("SELECT count(*) FROM monitoring_outcomes o"
                + " JOIN model_versions v ON v.id = o.version_id JOIN registered_models m ON m.id = v.model_id"
                + " WHERE m.name = ?", model);
        System.out.printf("BENCH stored-records=%d stored-outcomes=%d sent=%d%n", stored, joined, ids.get());
    }
}
