package org.modelops.portal.e2e;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** Monitoring data on the local stack, made through the service's own API. */
final class MonitoringData {

    private MonitoringData() {
    }

    /**
     * A LOW-risk model under a policy of its own with hourly drift windows (at least 100 records, 2 breaches of the
     * last 3): v1 approved by dave and champion, its baseline recorded, then three closed hours of predictions
     * whose income is far above the baseline's.
     */
    static String championWithIncomeDrift(LocalStack stack, String model) {
        stack.register(model);
        var pipeline = stack.pipelineToken();
        stack.call("POST", stack.userToken("ada"), "/api/v1/policies", "application/yaml", """
                name: e2e-drift-%1$s
                description: Hourly drift windows for the end-to-end test.
                appliesTo:
                  models: [%1$s]
                requiredMetadata: [description]
                kpis:
                  auc: { min: 0.6 }
                approvals:
                  count: 1
                  roles: [domain-expert]
                rollout:
                  strategy: DIRECT
                monitoring:
                  drift:
                    window: PT1H
                    minSample: 100
                    psi: { warn: 0.1, breach: 0.25 }
                    jensenShannon: { warn: 0.1, breach: 0.2 }
                    consecutive: { breaches: 2, of: 3 }
                    onBreach: [alert]
                """.formatted(model), 201);
        stack.submit(model, 1, 0.9);
        stack.approveAs("dave", model, 1, "Champion for the monitoring end-to-end test.");
        stack.awaitVersion(model, 1, v -> "CHAMPION".equals(v.get("state").asString()));

        var random = new Random(7);
        var baseline = new StringBuilder("income,channel,prediction\n");
        for (var i = 0; i < 400; i++) {
            baseline.append(String.format(Locale.ROOT, "%.1f,%s,%.3f%n", 30_000 + random.nextGaussian() * 5_000,
                    i % 2 == 0 ? "email" : "chat", random.nextDouble()));
        }
        stack.call("POST", pipeline, "/api/v1/models/" + model + "/versions/1/baseline", "text/csv",
                baseline.toString(), 201);

        var thisHour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        for (var hoursAgo = 3; hoursAgo >= 1; hoursAgo--) {
            var start = thisHour.minus(Duration.ofHours(hoursAgo));
            var records = new ArrayList<Map<String, Object>>();
            for (var i = 0; i < 200; i++) {
                records.add(Map.of("id", model + "-" + hoursAgo + "-" + i, "time", start.plusSeconds(i * 10L)
                        .toString(), "arm", "champion", "features",
                        Map.of("income", 60_000 + random.nextGaussian()
                                * 5_000, "channel", i % 2 == 0 ? "email" : "chat"),
                        "prediction", random
                                .nextDouble()));
            }
            stack.call("POST", pipeline, "/api/v1/models/" + model + "/versions/1/predictions", "application/json",
                    LocalStack.json(Map.of("records", List.copyOf(records))), 200);
        }
        return model;
    }
}
