package org.modelops.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * Dana signs in through Keycloak's login page, finds a waiting decision, understands it and approves it; then, on
 * the model's page, rolls the new champion back with a reason.
 */
class DomainExpertJourneyIT {

    private final LocalStack stack = new LocalStack();

    @Test
    void aDomainExpertApprovesAWaitingDecisionAndRollsItBackInTheBrowser() {
        var model = stack.championWithChallengerWaitingForApproval("e2e-ranker-" + System.currentTimeMillis());

        try (var browser = new Browser(1280, 800)) {
            browser.signIn("dana");
            browser.visible(By.id("inbox"));
            browser.waitForText(By.id("inbox-summary"), "for you");
            browser.screenshot("domain-expert-inbox");

            browser.click(By.linkText(model + " v2"));
            browser.waitForText(By.id("decision-title"), "Promote " + model + " v2?");
            assertThat(browser.visible(By.id("metrics")).getText()).contains("auc");
            assertThat(browser.visible(By.id("decision-evidence")).getText()).startsWith("Evidence ")
                    .contains("your decision is bound to it");
            assertThat(browser.visible(By.id("comparison-note")).getText()).startsWith("Compared on one dataset");
            assertThat(browser.driver.findElements(By.cssSelector(".chart svg"))).isNotEmpty();
            browser.screenshot("domain-expert-decision");

            browser.click(By.id("approve"));
            browser.waitForText(By.cssSelector("#decision-comment"), "Say why you approve");
            browser.visible(By.cssSelector("#decision-comment textarea"))
                    .sendKeys("Meets the low-risk policy; recall is even across channels.");
            browser.click(By.id("approve"));
            browser.waitForText(By.id("decision-outcome"), "You approved " + model + " v2");
            browser.screenshot("domain-expert-approved");

            stack.awaitVersion(model, 2, v -> "CHAMPION".equals(v.get("state").asString()));
            browser.driver.get(LocalStack.PORTAL + "/model/" + model);
            browser.waitForText(By.id("deployment"), "v2 · champion · 100% of traffic");
            browser.screenshot("domain-expert-model");

            // No rollout runs: the action rolls back the champion, v2.
            browser.click(By.id("roll-back"));
            browser.visible(By.cssSelector("#reason textarea")).sendKeys("Tickets from chat are misrouted since v2.");
            browser.click(By.id("confirm"));
            browser.waitForText(By.id("deployment"), "v1 · champion · 100% of traffic");
            browser.screenshot("domain-expert-rolled-back");

            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.driver.get(LocalStack.PORTAL + "/model/" + model);
            browser.waitForText(By.id("model-name"), model);
            browser.visible(By.id("timeline"));
            browser.screenshot("domain-expert-model-phone");
        }

        var v2 = stack.awaitVersion(model, 2, v -> !"CHAMPION".equals(v.get("state").asString()));
        assertThat(v2.get("state").asString()).isEqualTo("ROLLED_BACK");
        var timeline = stack.get(stack.pipelineToken(), "/api/v1/models/" + model + "/versions/2/timeline", 200);
        assertThat(timeline.toString()).contains("dana")
                .contains("Meets the low-risk policy")
                .contains("Tickets from chat are misrouted since v2.");
    }

    @Test
    void aDomainExpertStopsAFirstVersionsCanaryAndThePageSaysNothingServes() {
        var model = stack.firstVersionRollingOut("e2e-canary-" + System.currentTimeMillis());

        try (var browser = new Browser(1280, 800)) {
            browser.signIn("dana");
            browser.driver.get(LocalStack.PORTAL + "/model/" + model);
            browser.waitForText(By.id("deployment"), "v1 · rolling out · 100% of traffic");
            assertThat(browser.driver.findElements(By.id("roll-back"))).as("a rollout is stopped, not rolled back")
                    .isEmpty();
            browser.click(By.id("stop-rollout"));
            browser.visible(By.cssSelector("#reason textarea")).sendKeys("The canary answers with stale prices.");
            browser.click(By.id("confirm"));
            browser.waitForText(By.id("nothing-serves"), "Nothing serves this model: v1 was rolled back");
            browser.screenshot("domain-expert-rollout-stopped");
        }

        var v1 = stack.awaitVersion(model, 1, v -> "ROLLED_BACK".equals(v.get("state").asString()));
        assertThat(v1.get("stateReason").asString()).contains("The canary answers with stale prices.");
        var deployment = stack.get(stack.pipelineToken(), "/api/v1/models/" + model + "/deployment", 200);
        assertThat(deployment.get("serving").size()).isZero();
    }
}
