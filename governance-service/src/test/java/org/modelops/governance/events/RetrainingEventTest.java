package org.modelops.governance.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelops.governance.monitoring.SignalVerdicts;
import org.modelops.governance.testing.MonitoringFixtures;
import org.modelops.governance.testing.MonitoringFixtures.Traffic;
import org.modelops.governance.testing.MonitoringPolicy;
import org.modelops.governance.testing.ServiceTest;

/**
 * A retraining request reaches the system that retrains: a performance breach judged from real predictions and
 * outcomes files the request, and its CloudEvent is delivered signed, retried through the receiver's outage, with the
 * breach's evidence in it.
 */
@MicronautTest(transactional = false)
class RetrainingEventTest extends ServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPE = "org.modelops.monitoring.retraining-requested";

    @Inject
    EventDelivery delivery;

    @Inject
    SignalVerdicts verdicts;

    private static String admin() {
        return IDP.tokenFor("gina", "governance-admin");
    }

    /** A champion watched for drift (alert) and performance (retrain), with a baseline of one feature. */
    private String monitoredChampion() {
        var name = uniqueName("retrain");
        var fixtures = new MonitoringFixtures(api());
        fixtures.register(MonitoringPolicy.of("retrain-" + name, name).drift(100, 1, 2, "[alert]")
                .performance("PT1M", 1, 2, "[retrain]"), name, "MEDIUM");
        fixtures.promote(name, 1);
        fixtures.baseline(name, 1, false);
        return name;
    }

    /** Scores unrelated to the outcomes (AUC about 0.5) in the two latest closed windows. */
    private void uninformativeTraffic(String name) {
        new MonitoringFixtures(api()).traffic(name, 1, Traffic.from("champion").incomeOnly().uninformative());
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
