package org.modelops.governance.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.modelops.governance.monitoring.model.DriftJudge;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;

/**
 * The scheduled watch as the scheduler runs it — on its own thread, outside any transaction — judges every monitored
 * version and records what changed (it once failed before judging anything, which only a running stack showed).
 */
@MicronautTest(transactional = false)
class MonitoringWatchTest extends ServiceTest {

    @Inject
    DriftWatch watch;

    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    @Test
    void theScheduledWatchJudgesEveryMonitoredVersionOnItsOwnThread() throws InterruptedException {
        var model = uniqueName("watch");
        var policy = """
                name: %1$s
                appliesTo:
                  models: [%1$s]
                approvals:
                  count: 1
                  roles: [domain-expert]
                monitoring:
                  drift:
                    window: PT1H
                    minSample: 50
                    psi: { warn: 0.1, breach: 0.25 }
                    jensenShannon: { warn: 0.1, breach: 0.2 }
                    consecutive: { breaches: 1, of: 2 }
                    onBreach: [alert]
                """.formatted(model);
        var ada = IDP.tokenFor("ada", "governance-admin");
        assertThat(api().post("/api/v1/policies", ada, policy, Map.of("Content-Type", "application/yaml")).status())
                .isIn(200, 201);
        assertThat(api().post("/api/v1/models", erin(), registration(model, "HIGH")).status()).isEqualTo(201);
        assertThat(api().post("/api/v1/models/" + model + "/versions", erin(), submission(0.91)).status())
                .isEqualTo(201);
        var base = "/api/v1/models/" + model + "/versions/1";
        var csv = new StringBuilder("income,prediction\n");
        for (int i = 0; i < 1000; i++) {
            csv.append(i).append(',').append((i % 10) / 10.0).append('\n');
        }
        assertThat(api().send("POST", base + "/baseline", erin(), csv.toString(), Map.of("Content-Type", "text/csv"))
                .status()).isEqualTo(201);
        var window = DriftJudge.windowStart(Instant.now(), Duration.ofHours(1)).minus(Duration.ofHours(1));
        var records = new ArrayList<String>();
        for (int k = 0; k < 100; k++) {
            records.add("{\"id\": \"w-%d\", \"time\": \"%s\", \"arm\": \"champion\", \"features\": {\"income\": %d},"
                    .formatted(k, window.plusSeconds(k), 5000 + k) + " \"prediction\": 0.9}");
        }
        assertThat(api().post(base + "/predictions", IDP.tokenFor("serving-logger", "collector"),
                "{\"records\": [" + String.join(",", records) + "]}").status()).isEqualTo(200);

        var failure = new AtomicReference<Throwable>();
        var scheduler = new Thread(() -> {
            try {
                watch.evaluateAll();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        scheduler.start();
        scheduler.join();

        assertThat(failure.get()).as("the watch ran").isNull();
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE action = 'monitoring.verdict-changed'"
                + " AND subject_id = ? AND details->>'to' = 'BREACH'", model + "/1"))
                .as("the drifted version's breach is recorded").isEqualTo(1);
    }
}
