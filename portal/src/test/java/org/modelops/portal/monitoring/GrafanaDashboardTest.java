package org.modelops.portal.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * deploy/grafana/modelops-monitoring.json (shipped beside the portal, read by Grafana) asks only for the monitoring
 * metrics the service exports, always filtered by the dashboard's model and version variables.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "modelops-monitoring.json");
    private static final Pattern METRIC = Pattern.compile("\\b(modelops_[a-z_]+)\\b");

    private final JsonNode dashboard = JsonMapper.builder().build().readTree(DASHBOARD.toFile());

    @Test
    void itHasModelAndVersionVariables() {
        var names = new ArrayList<String>();
        dashboard.path("templating").path("list").forEach(variable -> names.add(variable.path("name").asString()));

        assertThat(names).contains("model", "version");
    }

    @Test
    void everyQueryUsesAContractMetricForTheChosenModelAndVersion() {
        var expressions = new ArrayList<String>();
        dashboard.path("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> expressions.add(target.path("expr").asString())));

        assertThat(expressions).hasSizeGreaterThanOrEqualTo(4).allSatisfy(expr -> {
            assertThat(expr).contains("model=~\"$model\"").contains("version=~\"$version\"");
            assertThat(METRIC.matcher(expr).results().map(m -> m.group(1))).isNotEmpty().allSatisfy(
                    metric -> assertThat(metric).isIn("modelops_monitoring_verdict", "modelops_monitoring_drift",
                            "modelops_monitoring_kpi", "modelops_monitoring_window_records"));
        });
        assertThat(String.join(" ", expressions)).contains("modelops_monitoring_verdict",
                "modelops_monitoring_drift", "modelops_monitoring_kpi", "modelops_monitoring_window_records");
    }

    @Test
    void theVerdictCodesAreSaidInWords() {
        var text = dashboard.toString();

        for (var word : new String[]{"PASS", "WARN", "BREACH", "INSUFFICIENT_DATA", "PENDING_LABELS"}) {
            assertThat(text).contains("\"text\":\"" + word);
        }
    }
}
