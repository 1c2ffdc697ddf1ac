package org.modelops.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Dana opens a champion's monitoring page after its income drifted in three closed hourly windows: the page says
 * the breach in words, charts the worst feature against its levels with the breaches marked, and lists drift per
 * feature worst first. A model with no monitoring data says so and is never shown as healthy.
 */
class MonitoringJourneyIT {

    private final LocalStack stack = new LocalStack();

    @Test
    void aDomainExpertSeesADriftBreachExplainedAndCharted() {
        var model = championWithIncomeDrift("e2e-drift-" + System.currentTimeMillis());

        try (var browser = new Browser(1280, 900)) {
            browser.signIn("dana");
            browser.driver.get(LocalStack.PORTAL + "/model/" + model);
            browser.waitForText(By.id("deployment"), "v1 · champion · 100% of traffic");
            assertThat(browser.visible(By.id("health-v1")).getText()).isEqualTo("v1 breach");

            browser.click(By.id("monitoring-link"));
            browser.waitForText(By.id("monitoring-title"), model + ": monitoring");
            browser.waitForText(By.id("health-v1"), "breach");
            assertThat(browser.visible(By.id("drift-explanation")).getText()).contains("breach");
            var chart = browser.visible(By.cssSelector("#signal-drift .trend-chart"));
            assertThat(chart.getAttribute("aria-label")).startsWith("Drift income").contains("windows breached");
            assertThat(browser.driver.findElements(By.cssSelector("#signal-drift .trend-chart svg .breach-mark")))
                    .isNotEmpty();
            assertThat(browser.driver.findElements(By.cssSelector("#signal-drift .trend-chart svg .breach-level")))
                    .hasSize(1);
            assertThat(browser.visible(By.id("drift-grid")).getText()).contains("income");
            browser.screenshot("domain-expert-monitoring");

            browser.driver.get(LocalStack.PORTAL + "/models");
            browser.visible(By.id("catalog"));
            browser.screenshot("domain-expert-catalog-health");
        }
    }

    @Test
    void aModelWithoutMonitoringDataSaysSo() {
        var model = stack.submitVersionWaitingForApproval("e2e-quiet-" + System.currentTimeMillis());

        try (var browser = new Browser(1280, 800)) {
            browser.signIn("carl");
            browser.driver.get(LocalStack.PORTAL + "/model/" + model + "/monitoring");
            browser.waitForText(By.id("monitoring-title"), model + ": monitoring");
            assertThat(browser.visible(By.id("health")).getText()).contains("no monitoring data")
                    .doesNotContain("healthy");
        }
    }

    /**
     * A LOW-risk model under a policy of its own with hourly drift windows (at least 100 records, 2 breaches of the
     * last 3): v1 approved by dave and champion, its baseline recorded, then three closed hours of predictions
     * whose income is far above the baseline's.
     */
    private String championWithIncomeDrift(String model) {
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
