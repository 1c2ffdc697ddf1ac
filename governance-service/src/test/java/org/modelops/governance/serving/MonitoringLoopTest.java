package org.modelops.governance.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelops.governance.testing.MonitoringFixtures.count;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.monitoring.SignalVerdicts;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.MonitoringFixtures;
import org.modelops.governance.testing.MonitoringFixtures.Traffic;
import org.modelops.governance.testing.MonitoringPolicy;
import org.modelops.governance.testing.ServiceTest;

/**
 * The whole loop through real parts: predictions and outcomes in through the API, the verdicts judged from the stored
 * counts, the breach a message of the version's serving phase in the real BPMN, and what the policy says follows. A
 * drift breach opens a review task in the inbox; a performance breach on outcomes rolls back automatically to the
 * healthy previous champion and files a retraining request, each with its evidence in the trail.
 */
@MicronautTest(transactional = false)
class MonitoringLoopTest extends ServiceTest {

    @Inject
    SignalVerdicts verdicts;

    @Inject
    org.modelops.governance.monitoring.MonitoringGauges gauges;

    private MonitoringFixtures fixtures() {
        return new MonitoringFixtures(api());
    }

    private String model(String prefix) {
        var name = uniqueName(prefix);
        fixtures().register(MonitoringPolicy.of("loop-" + name, name).cooldown("PT24H")
                .drift(100, 1, 2, "[alert, review]")
                .performance("PT1M", 1, 2, "[alert, rollback, retrain]"), name, "MEDIUM");
        return name;
    }

    /**
     * 300 records in each of the two latest closed windows, with their outcomes. Drifted: incomes far above the
     * baseline's and one segment only. Their scores are unrelated to the outcomes sent with them (AUC about 0.5),
     * or, when {@code informative}, rank them well.
     */
    private void traffic(String name, int version, boolean drifted, boolean informative) {
        var traffic = Traffic.from("champion");
        traffic = drifted ? traffic.drifted() : traffic;
        fixtures().traffic(name, version, informative ? traffic : traffic.uninformative());
    }

    @Test
    void injectedDriftBreachesAndOpensAReviewTaskInTheInbox() {
        var name = model("loopdrift");
        fixtures().promote(name, 1);
        fixtures().baseline(name, 1, true);
        traffic(name, 1, true, true);

        var changed = verdicts.evaluate(name, 1);

        assertThat(changed).containsEntry("drift", org.modelops.governance.monitoring.model.MonitoringVerdict.BREACH);
        assertThat(fixtures().state(name, 1)).as("drift alone never rolls back").isEqualTo("CHAMPION");
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
        fixtures().promote(name, 1);
        fixtures().baseline(name, 1, true);
        traffic(name, 1, false, true);
        assertThat(verdicts.evaluate(name, 1)).as("version 1 serves well")
                .containsEntry("performance", org.modelops.governance.monitoring.model.MonitoringVerdict.PASS);
        fixtures().promote(name, 2);
        fixtures().baseline(name, 2, true);
        traffic(name, 2, false, false);

        var changed = verdicts.evaluate(name, 2);

        assertThat(changed).containsEntry("performance",
                org.modelops.governance.monitoring.model.MonitoringVerdict.BREACH);
        assertThat(fixtures().state(name, 2)).isEqualTo("ROLLED_BACK");
        assertThat(fixtures().state(name, 1)).isEqualTo("CHAMPION");
        assertThat(fixtures().serving(name)).hasSize(1);
        assertThat(fixtures().serving(name).get(0).path("version").asInt()).isEqualTo(1);
        assertThat(fixtures().serving(name).get(0).path("percent").asInt()).isEqualTo(100);
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
