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

    /** {@code <serving_ended_at>|<serving_resumed_at>}, each {@code -} when not set. */
    private static String period(String name, int version) {
        return Database.strings("SELECT coalesce(v.serving_ended_at::text, '-') || '|'"
                + " || coalesce(v.serving_resumed_at::text, '-') FROM model_versions v JOIN registered_models m"
                + " ON m.id = v.model_id WHERE m.name = ? AND v.version = ?", name, version).getFirst();
    }

    private static void setPeriod(String name, int version, Object stopped, Object resumed) {
        Database.executeAsOwner("UPDATE model_versions v SET serving_ended_at = " + (stopped == null
                ? "NULL"
                : "'"
                        + stopped + "'")
                + ", serving_resumed_at = " + (resumed == null ? "NULL" : "'" + resumed + "'")
                + " FROM registered_models m WHERE m.id = v.model_id AND m.name = '" + name + "' AND v.version = "
                + version);
    }

    private static JsonNode signal(JsonNode signals, String name) {
        for (var signal : signals) {
            if (signal.path("signal").asText().equals(name)) {
                return signal;
            }
        }
        throw new AssertionError("no " + name + " in " + signals);
    }

    /** Version 1 of a new model serves, with a baseline, watched for drift, data quality (with volume) and outcomes. */
    private String monitoredChampion(String prefix) {
        var name = uniqueName(prefix);
        var fixtures = new MonitoringFixtures(api());
        fixtures.register(MonitoringPolicy.of(prefix + "-" + name, name).drift(100, 1, 2, "[alert]")
                .dataQuality(50, "{ warn: 100, breach: 20 }", 1, 2, "[alert]")
                .performance("PT1M", 1, 2, "[alert]"), name, "MEDIUM");
        fixtures.promote(name, 1);
        fixtures.baseline(name, 1, true);
        return name;
    }

    @Test
    void aSupersededVersionsWindowsAfterItStoppedServingAreNotJudged() {
        var name = monitoredChampion("stopped");
        var fixtures = new MonitoringFixtures(api());
        fixtures.traffic(name, 1, Traffic.from("champion"), 5);
        fixtures.traffic(name, 1, Traffic.from("champion"), 4);
        assertThat(period(name, 1)).isEqualTo("-|-");
        fixtures.promote(name, 2);
        assertThat(fixtures.state(name, 1)).isEqualTo("SUPERSEDED");
        assertThat(period(name, 1)).as("the promotion records when version 1 stopped serving").doesNotStartWith("-")
                .endsWith("|-");
        // Three hours have passed since version 1 stopped serving: three closed windows without a record.
        var stopped = MonitoringFixtures.closedWindow(3);
        setPeriod(name, 1, stopped, null);

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
    void aVersionThatServesAgainAfterARollbackSkipsTheWindowsItDidNotServe() {
        var name = monitoredChampion("resumed");
        var fixtures = new MonitoringFixtures(api());
        fixtures.promote(name, 2);
        assertThat(period(name, 1)).doesNotStartWith("-").endsWith("|-");

        var rolledBack = api().post("/api/v1/models/" + name + "/rollback", dana(),
                "{\"reason\": \"back to version 1\", \"expectedVersion\": 2}");

        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
        assertThat(period(name, 1)).as("the rollback records its return").doesNotStartWith("-")
                .doesNotEndWith("|-");
        assertThat(period(name, 2)).doesNotStartWith("-").endsWith("|-");

        // Version 1 served until three hours ago, did not serve for two hours, and serves again since an hour ago.
        fixtures.traffic(name, 1, Traffic.from("champion"), 5);
        fixtures.traffic(name, 1, Traffic.from("champion"), 4);
        fixtures.traffic(name, 1, Traffic.from("champion"), 1);
        setPeriod(name, 1, MonitoringFixtures.closedWindow(3), MonitoringFixtures.closedWindow(1));
        var quality = signal(api().get("/api/v1/models/" + name + "/versions/1/monitoring?windows=10", dana()).json()
                .path("signals"), "data-quality");
        assertThat(quality.path("verdict").asText()).as("no volume breach on the hours it did not serve")
                .isEqualTo("PASS");
        assertThat(quality.path("windows").findValuesAsText("start")).containsExactly(
                MonitoringFixtures.closedWindow(5).toString(), MonitoringFixtures.closedWindow(4).toString(),
                MonitoringFixtures.closedWindow(1).toString());
        assertThat(quality.path("explanation").asText()).contains("while version 1 did not serve, are not judged");
    }
}
