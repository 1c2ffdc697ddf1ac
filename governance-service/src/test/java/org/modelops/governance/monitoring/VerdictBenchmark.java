package org.modelops.governance.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.modelops.governance.monitoring.MonitoringStore.BinCount;
import org.modelops.governance.monitoring.MonitoringStore.Tally;
import org.modelops.governance.monitoring.model.DriftJudge;
import org.modelops.governance.monitoring.model.Kpis;
import org.modelops.governance.monitoring.model.ServiceJudge;
import org.modelops.governance.testing.ServiceTest;

/**
 * How long every verdict of a version takes when a closed window holds 1 000 000 records and outcomes (20 numeric
 * features; scores on every one of the 10 000 bins of both classes; latency on every bin): the tallies are written
 * directly, as ingestion would have left them, then {@link SignalVerdicts#evaluate} and the status are timed. Not a
 * test (no *Test name); run it with {@code -Dtest=VerdictBenchmark}.
 */
@MicronautTest(transactional = false)
class VerdictBenchmark extends ServiceTest {

    private static final int FEATURES = 20;
    private static final long RECORDS = 1_000_000;

    @Inject
    MonitoringStore store;

    @Inject
    SignalVerdicts verdicts;

    @Inject
    io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions;

    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    @Test
    void verdictsOfAMillionRecords() {
        var model = uniqueName("verdicts");
        var policy = """
                name: %s
                appliesTo: { models: [%s] }
                approvals: { count: 1, roles: [domain-expert] }
                monitoring:
                  drift: { window: PT1H, minSample: 1000, psi: { warn: 0.1, breach: 0.25 },
                           jensenShannon: { warn: 0.1, breach: 0.2 }, consecutive: { breaches: 2, of: 3 }, onBreach: [alert] }
                  dataQuality: { window: PT1H, minSample: 1000, missingRate: { warn: 0.05, breach: 0.1 },
                                 outOfRangeRate: { warn: 0.02, breach: 0.05 }, minRecords: { warn: 1000, breach: 100 },
                                 consecutive: { breaches: 2, of: 3 }, onBreach: [alert] }
                  performance: { window: PT1H, labelDelay: PT1M, minSample: 1000, coverage: 0.5,
                                 kpis: { auc: { warn: 0.8, breach: 0.75 }, f1: { warn: 0.7, breach: 0.65 },
                                         precision: { warn: 0.7, breach: 0.65 }, recall: { warn: 0.7, breach: 0.65 } },
                                 consecutive: { breaches: 2, of: 3 }, onBreach: [alert] }
                  service: { window: PT1H, minSample: 100, errorRate: { warn: 0.01, breach: 0.05 },
                             latencyP95Ms: { warn: 200, breach: 500 }, latencyP99Ms: { warn: 500, breach: 1000 },
                             consecutive: { breaches: 2, of: 3 }, onBreach: [alert] }
                """
                .formatted(model, model);
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
        assertThat(api().send("POST", base + "/baseline", erin(), csv.toString(), Map.of("Content-Type",
                "text/csv")).status()).isEqualTo(201);
        var id = transactions.executeRead(tx -> store.versionId(model, 1).orElseThrow());
        var window = DriftJudge.windowStart(Instant.now(), Duration.ofHours(1)).minus(Duration.ofHours(2));
        var counts = new ArrayList<BinCount>();
        for (int f = 0; f <= FEATURES; f++) {
            var column = f == FEATURES ? "prediction" : "f" + f;
            for (int bin = 0; bin < 11; bin++) {
                counts.add(new BinCount(window, column, bin, RECORDS / 11));
            }
        }
        transactions.executeWrite(tx -> {
            store.addCounts(id, counts);
            return null;
        });
        var tallies = new ArrayList<Tally>();
        tallies.add(new Tally("data-quality", window, "records", 0, RECORDS, 0));
        tallies.add(new Tally("service", window, "records", 0, RECORDS, 0));
        tallies.add(new Tally("performance", window, "predictions", 0, RECORDS, 0));
        tallies.add(new Tally("performance", window, "outcomes", 0, RECORDS, 0));
        for (int f = 0; f < FEATURES; f++) {
            tallies.add(new Tally("data-quality", window, "missing:f" + f, 0, 1000, 0));
            tallies.add(new Tally("data-quality", window, "out-of-range:f" + f, 0, 1000, 0));
        }
        for (int bin = 0; bin < ServiceJudge.LATENCY_BINS; bin++) {
            tallies.add(new Tally("service", window, "latency", bin, RECORDS / ServiceJudge.LATENCY_BINS, 0));
        }
        for (int bin = 0; bin < Kpis.SCORE_BINS; bin++) {
            tallies.add(new Tally("performance", window, "score:1:*", bin, bin / 20 + 1, 0));
            tallies.add(new Tally("performance", window, "score:0:*", bin, (Kpis.SCORE_BINS - bin) / 20 + 1, 0));
        }
        for (int bin = 0; bin < 4; bin++) {
            tallies.add(new Tally("performance", window, "confusion:*", bin, RECORDS / 4, 0));
        }
        for (int from = 0; from < tallies.size(); from += 5000) {
            var part = tallies.subList(from, Math.min(tallies.size(), from + 5000));
            transactions.executeWrite(tx -> {
                store.addTallies(id, part);
                return null;
            });
        }
        for (int run = 0; run < 5; run++) {
            var start = System.nanoTime();
            var changed = verdicts.evaluate(model, 1);
            var evaluated = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            var answer = api().get(base + "/monitoring?windows=30", erin());
            var read = (System.nanoTime() - start) / 1e6;
            assertThat(answer.status()).isEqualTo(200);
            System.out.printf("VERDICTS run=%d records=%d evaluate-ms=%.0f (changed %s) GET-monitoring-ms=%.0f%n", run,
                    RECORDS, evaluated, changed.keySet(), read);
        }
    }
}
