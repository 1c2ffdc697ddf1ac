package org.modelops.governance.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelops.governance.lifecycle.Lifecycles.ada;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.lifecycle.Lifecycles;
import org.modelops.governance.monitoring.SignalVerdicts;
import org.modelops.governance.monitoring.model.DriftJudge;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;

/**
 * The whole loop through real parts: predictions and outcomes in through the API, the verdicts judged from the stored
 * counts, the breach a message of the version's serving phase in the real BPMN, and what the policy says follows. A
 * drift breach opens a review task in the inbox; a performance breach on outcomes rolls back automatically to the
 * healthy previous champion and files a retraining request, each with its evidence in the trail.
 */
@MicronautTest(transactional = false)
class MonitoringLoopTest extends ServiceTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final String[] SEGMENTS = {"a", "b", "c", "d"};

    @Inject
    SignalVerdicts verdicts;

    @Inject
    org.modelops.governance.monitoring.MonitoringGauges gauges;

    private static String collector() {
        return IDP.tokenFor("serving-logger", "collector");
    }

    private Lifecycles lifecycles() {
        return new Lifecycles(api());
    }

    private String model(String prefix) {
        var name = uniqueName(prefix);
        var policy = """
                name: loop-%1$s
                appliesTo:
                  models: [%1$s]
                approvals:
                  count: 1
                  roles: [domain-expert]
                rollout:
                  strategy: DIRECT
                monitoring:
                  rollback: { cooldown: PT24H }
                  drift:
                    window: PT1H
                    minSample: 100
                    psi: { warn: 0.1, breach: 0.25 }
                    jensenShannon: { warn: 0.1, breach: 0.2 }
                    consecutive: { breaches: 1, of: 2 }
                    onBreach: [alert, review]
                  performance:
                    window: PT1H
                    labelDelay: PT1M
                    minSample: 100
                    coverage: 0.5
                    kpis:
                      auc: { warn: 0.80, breach: 0.75 }
                    consecutive: { breaches: 1, of: 2 }
                    onBreach: [alert, rollback, retrain]
                """.formatted(name);
        var published = api().post("/api/v1/policies", ada(), policy, Map.of("Content-Type", "application/yaml"));
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        assertThat(api().post("/api/v1/models", erin(), registration(name, "MEDIUM")).status()).isEqualTo(201);
        return name;
    }

    private void promote(String name, int version) {
        var submitted = api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.80 + version / 100.0));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        lifecycles().awaitState(name, version, "PENDING_APPROVAL");
        lifecycles().approveAs(dana(), name, version);
        lifecycles().awaitState(name, version, "CHAMPION");
    }

    private void baseline(String name, int version) {
        var csv = new StringBuilder("income,segment,prediction\n");
        for (int i = 0; i < 1000; i++) {
            csv.append(i).append(',').append(SEGMENTS[i % 4]).append(',').append((i % 10) / 10.0).append('\n');
        }
        var uploaded = api().send("POST", "/api/v1/models/" + name + "/versions/" + version + "/baseline", erin(),
                csv.toString(), Map.of("Content-Type", "text/csv"));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
    }

    /**
     * 300 records in each of the two latest closed windows (the newer one's outcomes may not have matured yet in an
     * hour's first minute; then the older one is the latest judged). Drifted: incomes far above the baseline's and one segment only. Their scores
     * are unrelated to the outcomes sent with them (AUC about 0.5), or, when {@code informative}, rank them well.
     */
    private void traffic(String name, int version, boolean drifted, boolean informative) {
        traffic(name, version, drifted, informative, 1);
        traffic(name, version, drifted, informative, 2);
    }

    private void traffic(String name, int version, boolean drifted, boolean informative, int hoursAgo) {
        var window = DriftJudge.windowStart(Instant.now(), HOUR).minus(HOUR.multipliedBy(hoursAgo));
        var base = "/api/v1/models/" + name + "/versions/" + version;
        var records = new ArrayList<String>();
        var outcomes = new ArrayList<String>();
        for (int k = 0; k < 300; k++) {
            int outcome = (k * 31 + k / 7) % 2;
            double score = informative ? (outcome == 1 ? 0.6 : 0.4) + (k % 10) / 100.0 : ((k * 7919) % 10000) / 10000.0;
            var income = drifted ? 5000 + k : k * 1000 / 300;
            var segment = drifted ? "d" : SEGMENTS[k % 4];
            records.add("""
                    {"id": "r%d-%d", "time": "%s", "arm": "champion", "features": {"income": %d, "segment": "%s"},
                     "prediction": %s, "score": %s}""".formatted(hoursAgo, k, window.plusSeconds(k * 10L), income,
                    segment,
                    (k % 10) / 10.0, score));
            outcomes.add("{\"predictionId\": \"r%d-%d\", \"outcome\": %d, \"time\": \"%s\"}".formatted(hoursAgo, k,
                    outcome,
                    Instant.now().minusSeconds(120)));
        }
        var sent = api().post(base + "/predictions", collector(), "{\"records\": [" + String.join(",", records) + "]}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        var labelled = api().post(base + "/outcomes", collector(), "{\"records\": [" + String.join(",", outcomes)
                + "]}");
        assertThat(labelled.status()).as(labelled.body()).isEqualTo(200);
    }

    private JsonNode serving(String name) {
        return api().get("/api/v1/models/" + name + "/deployment", dana()).json().path("serving");
    }

    private String state(String name, int version) {
        return api().get("/api/v1/models/" + name + "/versions/" + version, dana()).json().path("state").asText();
    }

    private long count(String action, String subject) {
        return Database.count("SELECT count(*) FROM audit_events WHERE action = ? AND subject_id = ?", action,
                subject);
    }

    @Test
    void injectedDriftBreachesAndOpensAReviewTaskInTheInbox() {
        var name = model("loopdrift");
        promote(name, 1);
        baseline(name, 1);
        traffic(name, 1, true, true);

        var changed = verdicts.evaluate(name, 1);

        assertThat(changed).containsEntry("drift", org.modelops.governance.monitoring.model.MonitoringVerdict.BREACH);
        assertThat(state(name, 1)).as("drift alone never rolls back").isEqualTo("CHAMPION");
        assertThat(count(AuditActions.MONITORING_ALERT_RAISED, name + "/1")).isEqualTo(1);
        var tasks = api().get("/api/v1/tasks?model=" + name, dana()).json().path("items");
        assertThat(tasks).as(tasks.toString()).hasSize(1);
        var review = tasks.get(0);
        assertThat(review.path("kind").asText()).isEqualTo("monitoring-review");
        assertThat(review.path("review").path("signal").asText()).isEqualTo("drift");
        assertThat(review.path("review").path("evidence").path("windows").isArray()).isTrue();
        assertThat(review.path("review").path("outcomes").toString()).contains("KEEP_SERVING", "ROLL_BACK");
        assertThat(api().get("/api/v1/tasks?model=" + name, erin()).json().path("items"))
                .as("not offered to the owner team's engineer").isEmpty();

        gauges.refresh();
        var metrics = api().get("/prometheus", null).body();
        assertThat(metrics).contains(
                "modelops_monitoring_verdict{model=\"" + name + "\",signal=\"drift\",version=\"1\"} 2.0",
                "modelops_monitoring_window_records{model=\"" + name + "\",version=\"1\"} 300.0");
        assertThat(metrics).containsPattern("modelops_monitoring_drift\\{column=\"income\",model=\"" + name
                + "\",statistic=\"[a-z-]+\",version=\"1\"} [0-9.]+");
    }

    @Test
    void anOutcomeBreachRollsBackAutomaticallyToTheHealthyPreviousChampionAndAsksForRetraining() {
        var name = model("loopperf");
        promote(name, 1);
        baseline(name, 1);
        traffic(name, 1, false, true);
        assertThat(verdicts.evaluate(name, 1)).as("version 1 serves well")
                .containsEntry("performance", org.modelops.governance.monitoring.model.MonitoringVerdict.PASS);
        promote(name, 2);
        baseline(name, 2);
        traffic(name, 2, false, false);

        var changed = verdicts.evaluate(name, 2);

        assertThat(changed).containsEntry("performance",
                org.modelops.governance.monitoring.model.MonitoringVerdict.BREACH);
        assertThat(state(name, 2)).isEqualTo("ROLLED_BACK");
        assertThat(state(name, 1)).isEqualTo("CHAMPION");
        assertThat(serving(name)).hasSize(1);
        assertThat(serving(name).get(0).path("version").asInt()).isEqualTo(1);
        assertThat(serving(name).get(0).path("percent").asInt()).isEqualTo(100);
        var rolledBack = Database.strings("SELECT details::text FROM audit_events WHERE action = ? AND subject_id = ?",
                AuditActions.MODEL_ROLLED_BACK, name);
        assertThat(rolledBack).hasSize(1);
        assertThat(rolledBack.getFirst()).contains("\"automatic\": true", "\"signal\": \"performance\"",
                "policySha256");
        var requests = api().get("/api/v1/models/" + name + "/retraining-requests", erin()).json().path("items");
        assertThat(requests).as(requests.toString()).hasSize(1);
        assertThat(requests.get(0).path("status").asText()).isEqualTo("OPEN");
        assertThat(requests.get(0).path("signal").asText()).isEqualTo("performance");
        assertThat(count(AuditActions.MONITORING_RETRAINING_REQUESTED, name + "/2")).isEqualTo(1);
        assertThat(count(AuditActions.MONITORING_ALERT_RAISED, name + "/2")).isEqualTo(1);
    }
}
