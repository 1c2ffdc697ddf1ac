package org.modelops.governance.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelops.governance.lifecycle.Lifecycles.ada;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelops.governance.lifecycle.Lifecycles;
import org.modelops.governance.monitoring.SignalVerdicts;
import org.modelops.governance.monitoring.model.DriftJudge;
import org.modelops.governance.testing.ServiceTest;

/**
 * A retraining request reaches the system that retrains: a performance breach judged from real predictions and
 * outcomes files the request, and its CloudEvent is delivered signed, retried through the receiver's outage, with the
 * breach's evidence in it.
 */
@MicronautTest(transactional = false)
class RetrainingEventTest extends ServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HOUR = Duration.ofHours(1);
    private static final String TYPE = "org.modelops.monitoring.retraining-requested";

    @Inject
    EventDelivery delivery;

    @Inject
    SignalVerdicts verdicts;

    private static String admin() {
        return IDP.tokenFor("gina", "governance-admin");
    }

    private static String collector() {
        return IDP.tokenFor("serving-logger", "collector");
    }

    private String monitoredChampion() {
        var name = uniqueName("retrain");
        var policy = """
                name: retrain-%1$s
                appliesTo:
                  models: [%1$s]
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
                    consecutive: { breaches: 1, of: 2 }
                    onBreach: [alert]
                  performance:
                    window: PT1H
                    labelDelay: PT1M
                    minSample: 100
                    coverage: 0.5
                    kpis:
                      auc: { warn: 0.80, breach: 0.75 }
                    consecutive: { breaches: 1, of: 2 }
                    onBreach: [retrain]
                """.formatted(name);
        var published = api().post("/api/v1/policies", ada(), policy, Map.of("Content-Type", "application/yaml"));
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        assertThat(api().post("/api/v1/models", erin(), registration(name, "MEDIUM")).status()).isEqualTo(201);
        assertThat(api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.85)).status())
                .isEqualTo(201);
        var lifecycles = new Lifecycles(api());
        lifecycles.awaitState(name, 1, "PENDING_APPROVAL");
        lifecycles.approveAs(dana(), name, 1);
        lifecycles.awaitState(name, 1, "CHAMPION");
        var csv = new StringBuilder("income,prediction\n");
        for (int i = 0; i < 1000; i++) {
            csv.append(i).append(',').append((i % 10) / 10.0).append('\n');
        }
        assertThat(api().send("POST", "/api/v1/models/" + name + "/versions/1/baseline", erin(), csv.toString(),
                Map.of("Content-Type", "text/csv")).status()).isEqualTo(201);
        return name;
    }

    /** Scores unrelated to the outcomes (AUC about 0.5) in the two latest closed windows. */
    private void uninformativeTraffic(String name) {
        for (int hoursAgo = 1; hoursAgo <= 2; hoursAgo++) {
            var window = DriftJudge.windowStart(Instant.now(), HOUR).minus(HOUR.multipliedBy(hoursAgo));
            var records = new ArrayList<String>();
            var outcomes = new ArrayList<String>();
            for (int k = 0; k < 300; k++) {
                records.add("""
                        {"id": "r%d-%d", "time": "%s", "arm": "champion", "features": {"income": %d},
                         "prediction": %s, "score": %s}""".formatted(hoursAgo, k, window.plusSeconds(k * 10L),
                        k * 1000 / 300, (k % 10) / 10.0, ((k * 7919) % 10000) / 10000.0));
                outcomes.add("{\"predictionId\": \"r%d-%d\", \"outcome\": %d, \"time\": \"%s\"}".formatted(hoursAgo,
                        k, (k * 31 + k / 7) % 2, Instant.now().minusSeconds(120)));
            }
            var base = "/api/v1/models/" + name + "/versions/1";
            assertThat(api().post(base + "/predictions", collector(), "{\"records\": [" + String.join(",", records)
                    + "]}").status()).isEqualTo(200);
            assertThat(api().post(base + "/outcomes", collector(), "{\"records\": [" + String.join(",", outcomes)
                    + "]}").status()).isEqualTo(200);
        }
    }

    @Test
    void aRetrainingRequestIsDeliveredSignedAndRetriedThroughTheReceiversOutage() throws Exception {
        var name = monitoredChampion();
        try (var receiver = new Receiver(2, 503, TYPE)) {
            var created = api().post("/api/v1/event-subscriptions", admin(), JSON.writeValueAsString(Map.of("url",
                    receiver.url(), "types", List.of("org.modelops.monitoring.*"), "models", List.of(name))));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            var secret = created.field("secret");

            uninformativeTraffic(name);
            assertThat(verdicts.evaluate(name, 1)).containsKey("performance");
            var requests = api().get("/api/v1/models/" + name + "/retraining-requests", erin()).json().path("items");
            assertThat(requests).as(requests.toString()).hasSize(1);

            var t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            for (var at : List.of(t0, t0.plusSeconds(5), t0.plusSeconds(35))) {
                for (int i = 0; i < 20 && delivery.deliverDue(at).attempted() > 0; i++) {
                    // the round's next delivery
                }
            }

            var retraining = receiver.received().stream()
                    .filter(request -> request.body().contains("\"type\":\"" + TYPE + "\"")).toList();
            assertThat(retraining).extracting(Receiver.Received::answered).as("two outages, then delivered")
                    .containsExactly(503, 503, 204);
            assertThat(retraining).extracting(request -> request.header("webhook-id")).as("the same event each time")
                    .containsOnly(retraining.getFirst().header("webhook-id"));
            var delivered = retraining.getLast();
            assertThat(Receiver.signedWith(secret, delivered)).as("signature").isTrue();
            JsonNode event = JSON.readTree(delivered.body());
            assertThat(event.path("subject").asText()).isEqualTo("models/" + name + "/versions/1");
            var details = event.path("data").path("details");
            assertThat(details.path("signal").asText()).isEqualTo("performance");
            assertThat(details.path("evidence").path("policySha256").asText()).hasSize(64);
            assertThat(details.path("evidence").path("windows").isArray()).isTrue();
            api().send("DELETE", "/api/v1/event-subscriptions/" + created.json().path("id").asLong(), admin(), null,
                    Map.of());
        }
    }
}
