package org.modelops.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/** Dana signs in through Keycloak's login page, finds a waiting decision, understands it and approves it. */
class DomainExpertJourneyIT {

    private final LocalStack stack = new LocalStack();

    @Test
    void aDomainExpertApprovesAWaitingDecisionInTheBrowser() {
        var model = stack.submitVersionWaitingForApproval("e2e-ranker-" + System.currentTimeMillis());

        try (var browser = new Browser(1280, 800)) {
            browser.signIn("dana");
            browser.visible(By.id("inbox"));
            browser.waitForText(By.id("inbox-summary"), "for you");
            browser.screenshot("domain-expert-inbox");

            browser.click(By.linkText(model + " v1"));
            browser.waitForText(By.id("decision-title"), "Promote " + model + " v1?");
            assertThat(browser.visible(By.id("metrics")).getText()).contains("auc");
            assertThat(browser.driver.findElements(By.cssSelector(".chart svg"))).isNotEmpty();
            browser.screenshot("domain-expert-decision");

            browser.click(By.id("approve"));
            browser.waitForText(By.cssSelector("#decision-comment"), "Say why you approve");
            browser.visible(By.cssSelector("#decision-comment textarea"))
                    .sendKeys("Meets the low-risk policy; recall is even across channels.");
            browser.click(By.id("approve"));
            browser.waitForText(By.id("decision-outcome"), "You approved " + model + " v1");
            browser.screenshot("domain-expert-approved");

            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.driver.get(LocalStack.PORTAL + "/model/" + model);
            browser.waitForText(By.id("model-name"), model);
            browser.visible(By.id("timeline"));
            browser.screenshot("domain-expert-model-phone");
        }

        var version = stack.awaitVersion(model, 1, v -> !"PENDING_APPROVAL".equals(v.get("state").asString()));
        assertThat(version.get("state").asString()).isIn("APPROVED", "ROLLING_OUT", "CHAMPION");
        var timeline = stack.get(stack.pipelineToken(), "/api/v1/models/" + model + "/versions/1/timeline", 200);
        assertThat(timeline.toString()).contains("dana").contains("Meets the low-risk policy");
    }
}
