package org.modelops.governance.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.modelops.governance.monitoring.model.MonitoringVerdict;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.MonitoringFixtures;
import org.modelops.governance.testing.MonitoringFixtures.Traffic;
import org.modelops.governance.testing.MonitoringPolicy;
import org.modelops.governance.testing.ServiceTest;

/**
 * A version that stopped serving gets no traffic; its windows after that say nothing about the model. Monitoring
 * judges them no more: the monitoring page, the verdicts recorded and the gauges show the version as it was when it
 * last served, and say since when it does not serve — not a volume breach on the silence.
 */
@MicronautTest(transactional = false)
class StoppedServingMonitoringTest extends ServiceTest {

    @Inject
    SignalVerdicts verdicts;

    @Inject
    MonitoringGauges gauges;

    private static String servingEndedAt(String name, int version) {
        var rows = Database.strings("SELECT coalesce(v.serving_ended_at::text, 'serving') FROM model_versions v"
                + " JOIN registered_models m ON m.id = v.model_id WHERE m.name = ? AND v.version = ?", name, version);
        return rows.getFirst();
    }

    private static JsonNode signal(JsonNode signals, String name) {
        for (var signal : signals) {
            if (signal.path("signal").asText().equals(name)) {
                return signal;
            }
        }
        throw new AssertionError("no " + name + " in " + signals);
    }

    @Test
    void aSupersededVersionsWindowsAfterItStoppedServingAreNotJudged() {
        var name = uniqueName("stopped");
        var fixtures = new MonitoringFixtures(api());
        fixtures.register(MonitoringPolicy.of("stopped-" + name, name).drift(100, 1, 2, "[alert]")
                .dataQuality(50, "{ warn: 100, breach: 20 }", 1, 2, "[alert]")
                .performance("PT1M", 1, 2, "[alert]"), name, "MEDIUM");
        fixtures.promote(name, 1);
        fixtures.baseline(name, 1, true);
        fixtures.traffic(name, 1, Traffic.from("champion"), 5);
        fixtures.traffic(name, 1, Traffic.from("champion"), 4);
        assertThat(servingEndedAt(name, 1)).isEqualTo("serving");
        fixtures.promote(name, 2);
        assertThat(fixtures.state(name, 1)).isEqualTo("SUPERSEDED");
        assertThat(servingEndedAt(name, 1)).as("the promotion records when version 1 stopped serving")
                .isNotEqualTo("serving");
        // Three hours have passed since version 1 stopped serving: three closed windows without a record.
        var stopped = MonitoringFixtures.closedWindow(3);
        Database.executeAsOwner("UPDATE model_versions v SET serving_ended_at = '" + stopped + "' FROM"
                + " registered_models m WHERE m.id = v.model_id AND m.name = '" + name + "' AND v.version = 1");

        var status = api().get("/api/v1/models/" + name + "/versions/1/monitoring?windows=10", dana());

        assertThat(status.status()).as(status.body()).isEqualTo(200);
        var quality = signal(status.json().path("signals"), "data-quality");
        assertThat(quality.path("verdict").asText()).as("no volume breach on the silence after it stopped serving")
                .isEqualTo("PASS");
        assertThat(quality.path("explanation").asText()).contains("Version 1 stopped serving at " + stopped
                + " (SUPERSEDED): windows after that are not judged");
        var windows = quality.path("windows");
        assertThat(windows.get(windows.size() - 1).path("start").asText()).as("the last window judged is the last"
                + " one it served in").isEqualTo(MonitoringFixtures.closedWindow(4).toString());
        assertThat(signal(status.json().path("signals"), "drift").path("verdict").asText()).isEqualTo("PASS");
        assertThat(signal(status.json().path("signals"), "performance").path("verdict").asText())
                .as("its outcomes, judged on the windows it served in").isEqualTo("PASS");
        assertThat(status.field("overall")).isEqualTo("PASS");

        var changed = verdicts.evaluate(name, 1);
        assertThat(changed).containsEntry("data-quality", MonitoringVerdict.PASS)
                .doesNotContainValue(MonitoringVerdict.BREACH);
        assertThat(verdicts.evaluate(name, 1)).as("nothing changes while it does not serve").isEmpty();

        var page = api().get("/api/v1/models/" + name + "/monitoring", dana()).json().path("versions");
        var previous = page.get(page.size() - 1);
        assertThat(previous.path("version").asInt()).isEqualTo(1);
        assertThat(previous.path("verdict").asText()).isEqualTo("PASS");

        gauges.refresh();
        assertThat(api().get("/prometheus", null).body()).contains("modelops_monitoring_verdict{model=\"" + name
                + "\",signal=\"data-quality\",version=\"1\"} 0.0");
    }

    @Test
    void aVersionThatServesAgainAfterARollbackIsJudgedUpToNowAgain() {
        var name = uniqueName("resumed");
        var fixtures = new MonitoringFixtures(api());
        fixtures.register(MonitoringPolicy.of("resumed-" + name, name).drift(100, 1, 2, "[alert]"), name, "LOW");
        fixtures.promote(name, 1);
        fixtures.promote(name, 2);
        assertThat(servingEndedAt(name, 1)).isNotEqualTo("serving");

        var rolledBack = api().post("/api/v1/models/" + name + "/rollback", dana(),
                "{\"reason\": \"back to version 1\", \"expectedVersion\": 2}");

        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
        assertThat(servingEndedAt(name, 1)).as("it serves again").isEqualTo("serving");
        assertThat(servingEndedAt(name, 2)).isNotEqualTo("serving");
    }
}
