package org.modelops.governance.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelops.governance.lifecycle.Lifecycles.ada;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.flowable.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.lifecycle.Lifecycles;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;

/** Re-certification on the serving phase's timers, with the engine's clock moved instead of waiting 30 days. */
@MicronautTest(transactional = false)
class RecertificationTest extends ServiceTest {

    @Inject
    ProcessEngine engine;

    @AfterEach
    void resetClock() {
        engine.getProcessEngineConfiguration().getClock().reset();
    }

    private String champion() {
        var name = uniqueName("recert");
        var policy = """
                name: recert-%1$s
                appliesTo:
                  models: [%1$s]
                approvals:
                  count: 1
                  roles: [domain-expert]
                rollout:
                  strategy: DIRECT
                monitoring:
                  recertifyEvery: P30D
                  recertifyDueWithin: P7D
                """.formatted(name);
        assertThat(api().post("/api/v1/policies", ada(), policy, Map.of("Content-Type", "application/yaml"))
                .status()).isEqualTo(201);
        assertThat(api().post("/api/v1/models", erin(), registration(name, "LOW")).status()).isEqualTo(201);
        assertThat(api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.8)).status())
                .isEqualTo(201);
        var lifecycles = new Lifecycles(api());
        lifecycles.awaitState(name, 1, "PENDING_APPROVAL");
        lifecycles.approveAs(dana(), name, 1);
        lifecycles.awaitState(name, 1, "CHAMPION");
        return name;
    }

    private void clockAt(Duration later) {
        engine.getProcessEngineConfiguration().getClock().setCurrentTime(Date.from(Instant.now().plus(later)));
    }

    private JsonNode awaitTask(String token, String name, String kind) {
        var deadline = Instant.now().plus(Duration.ofSeconds(30));
        do {
            for (var task : api().get("/api/v1/tasks", token).json().path("items")) {
                if (task.path("model").asText().equals(name) && task.path("kind").asText().equals(kind)) {
                    return task;
                }
            }
            Lifecycles.sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("no " + kind + " task for " + name);
    }

    private long count(String action, String name) {
        return Database.count("SELECT count(*) FROM audit_events WHERE action = ? AND subject_id = ?", action,
                name + "/1");
    }

    private int decide(String token, String task, String decision, String comment) {
        return api().post("/api/v1/tasks/" + task + "/decision", token, "{\"decision\": \"" + decision
                + "\", \"comment\": \"" + comment + "\"}").status();
    }

    @Test
    void aRecertificationComesRoundOnTheTimerAndARecertifiedVersionGoesOnServing() {
        var name = champion();
        assertThat(count(AuditActions.MONITORING_RECERTIFICATION_DUE, name)).isZero();
        clockAt(Duration.ofDays(31));
        var task = awaitTask(dana(), name, "recertification");
        assertThat(task.path("review").path("outcomes").toString()).isEqualTo("[\"RECERTIFY\",\"FAIL\"]");
        assertThat(task.path("review").path("reason").asText()).startsWith("Re-certification every PT720H by policy"
                + " recert-" + name + " version 1: confirm that version 1 may go on serving, by ");
        assertThat(count(AuditActions.MONITORING_RECERTIFICATION_DUE, name)).isEqualTo(1);
        assertThat(decide(dana(), task.path("id").asText(), "RECERTIFY", "KPIs and drift within limits"))
                .isEqualTo(200);
        assertThat(count(AuditActions.MONITORING_REVIEW_DECIDED, name)).isEqualTo(1);
        assertThat(count(AuditActions.MONITORING_RECERTIFICATION_ESCALATED, name)).isZero();
        assertThat(Database.count("SELECT count(*) FROM act_ru_execution WHERE business_key_ = ?"
                + " AND parent_id_ IS NULL", name + "/1")).as("still serving").isEqualTo(1);
    }

    @Test
    void aRecertificationNobodyDecidesByItsDueDateIsEscalatedToGovernanceAdminWithAnAlert() {
        var name = champion();
        clockAt(Duration.ofDays(31));
        awaitTask(dana(), name, "recertification");
        clockAt(Duration.ofDays(31 + 8));
        var escalated = awaitTask(ada(), name, "monitoring-review");
        assertThat(escalated.path("escalated").asBoolean()).isTrue();
        assertThat(escalated.path("candidateRoles").toString()).isEqualTo("[\"governance-admin\"]");
        assertThat(escalated.path("review").path("reason").asText()).isEqualTo("Escalated: the re-certification of"
                + " version 1 lapsed: nobody decided it by its due date. Decide whether the version goes on serving.");
        assertThat(count(AuditActions.MONITORING_RECERTIFICATION_ESCALATED, name)).isEqualTo(1);
        assertThat(count(AuditActions.MONITORING_ALERT_RAISED, name)).isEqualTo(1);
    }

    @Test
    void aFailedRecertificationIsEscalatedWithThePersonsReason() {
        var name = champion();
        clockAt(Duration.ofDays(31));
        var task = awaitTask(dana(), name, "recertification");
        assertThat(decide(dana(), task.path("id").asText(), "FAIL", "the use case changed")).isEqualTo(200);
        var escalated = awaitTask(ada(), name, "monitoring-review");
        assertThat(escalated.path("review").path("reason").asText()).contains("failed: the use case changed");
        assertThat(count(AuditActions.MONITORING_ALERT_RAISED, name)).isEqualTo(1);
    }
}
