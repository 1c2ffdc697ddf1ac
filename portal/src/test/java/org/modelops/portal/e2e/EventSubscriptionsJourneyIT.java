package org.modelops.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Ada, governance admin, subscribes a webhook: a URL the service refuses is said next to the field; the secret is
 * shown once; she deactivates the subscription, reads its (empty) delivery log, rotates the secret and deletes it
 * after confirming. Dana is not offered the page.
 */
class EventSubscriptionsJourneyIT {

    /** The navigation's entry (a side-nav item: its link lives in the item's shadow root). */
    private static final By ADMIN_NAVIGATION = By.xpath(
            "//vaadin-side-nav-item[contains(normalize-space(.), 'Event subscriptions')]");

    @Test
    void aGovernanceAdminManagesASubscriptionInTheBrowser() {
        var url = "https://hooks.example.com/e2e-" + System.currentTimeMillis();

        try (var browser = new Browser(1280, 900)) {
            browser.signIn("ada");
            browser.click(ADMIN_NAVIGATION);
            browser.visible(By.id("subscriptions-summary"));

            browser.click(By.id("new-subscription"));
            browser.visible(By.cssSelector("#subscription-url input")).sendKeys("not a url");
            browser.visible(By.cssSelector("#subscription-types input")).sendKeys("org.modelops.version.submitted");
            browser.click(By.id("subscription-save"));
            // the service's words: next to the URL when it names the field, above the buttons in any case
            browser.waiting().until(driver -> !driver.findElement(By.id("subscription-problem")).getText().isBlank());
            assertThat(browser.visible(By.id("subscription-url")).getAttribute("invalid")).isNotNull();
            browser.screenshot("admin-subscription-refused");

            var field = browser.visible(By.cssSelector("#subscription-url input"));
            field.clear();
            field.sendKeys(url);
            browser.click(By.id("subscription-save"));
            var secret = browser.visible(By.cssSelector("#subscription-secret input")).getAttribute("value");
            assertThat(secret).isNotBlank();
            assertThat(browser.visible(By.id("secret-hint")).getText()).contains("only time it is shown");
            browser.screenshot("admin-subscription-secret");
            browser.click(By.id("secret-done"));
            browser.waitForText(By.id("subscriptions"), url);
            assertThat(browser.driver.getPageSource()).doesNotContain(secret);

            browser.click(By.cssSelector("vaadin-button[aria-label='Edit the subscription to " + url + "']"));
            browser.click(By.id("subscription-active"));
            browser.click(By.id("subscription-save"));
            browser.waitForText(By.id("subscriptions"), "inactive");

            browser.click(By.cssSelector("vaadin-button[aria-label='Deliveries to " + url + "']"));
            browser.waitForText(By.id("deliveries-summary"), "0 deliveries");
            browser.screenshot("admin-subscription-deliveries");

            browser.click(By.cssSelector("vaadin-button[aria-label='Rotate the secret of " + url + "']"));
            browser.click(By.id("confirm"));
            var rotated = browser.visible(By.cssSelector("#subscription-secret input")).getAttribute("value");
            assertThat(rotated).isNotBlank().isNotEqualTo(secret);
            browser.click(By.id("secret-done"));

            browser.click(By.cssSelector("vaadin-button[aria-label='Delete the subscription to " + url + "']"));
            browser.click(By.id("confirm"));
            // gone from the list (the notification that confirms it names the URL, so look in the list only)
            browser.waiting().until(driver -> !driver.findElement(By.id("subscriptions-summary")).getText()
                    .isBlank() && !driver.findElement(By.id("subscriptions")).getText().contains(url));
        }
    }

    @Test
    void aDomainExpertIsNotOfferedThePage() {
        try (var browser = new Browser(1280, 800)) {
            browser.signIn("dana");
            // the navigation is there (dana has her entries) and the admins' entry is not among them
            browser.visible(By.xpath("//vaadin-side-nav-item"));
            assertThat(browser.driver.findElements(ADMIN_NAVIGATION)).isEmpty();
        }
    }
}
