package org.modelops.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
        var model = MonitoringData.championWithIncomeDrift(stack, "e2e-drift-" + System.currentTimeMillis());

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
            assertThat(browser.visible(By.id("health")).getText()).contains("has monitoring data yet", "not a pass")
                    .doesNotContain("healthy");
        }
    }
}
