package org.modelops.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/** Carl signs in, searches the audit trail, verifies its integrity and downloads both exports. */
class ComplianceOfficerJourneyIT {

    private final LocalStack stack = new LocalStack();

    @Test
    void aComplianceOfficerSearchesVerifiesAndExportsTheAuditTrail() {
        try (var browser = new Browser(1280, 800)) {
            browser.signIn("carl");
            browser.visible(By.id("audit-events"));
            browser.waitForText(By.id("audit-count"), "events match");

            // With the keyboard: Enter on the focused button verifies, as a click would.
            browser.visible(By.id("verify")).sendKeys(Keys.ENTER);
            browser.waitForText(By.id("integrity"), "Intact");
            assertThat(browser.visible(By.id("integrity")).getText()).containsPattern("Intact: \\d+ events checked");
            browser.screenshot("compliance-audit-verified");

            browser.visible(By.cssSelector("#audit-action input")).sendKeys("audit.verified\n");
            browser.waitForText(By.id("audit-count"), "match");
            browser.screenshot("compliance-audit-filtered");
            browser.visible(By.cssSelector("#audit-action input")).clear();

            browser.click(By.id("export-csv"));
            var csv = awaitDownload(browser.downloads, ".csv");
            browser.click(By.id("export-jsonl"));
            var jsonl = awaitDownload(browser.downloads, ".jsonl");

            assertThat(lines(csv).getFirst()).contains("sequence").contains("hash");
            assertThat(lines(csv)).hasSizeGreaterThan(2);
            assertThat(lines(jsonl).getFirst()).contains("\"export\"");
            assertThat(lines(jsonl).stream().skip(1)).anyMatch(line -> line.contains("\"audit.verified\""));

            browser.driver.get(LocalStack.PORTAL + "/audit/evidence/fraud-detector/1");
            browser.visible(By.id("download-evidence"));
            // The demo data has dana approve fraud-detector v1: her name and comment back the decision.
            browser.waitForText(By.id("approvers"), "dana");
            assertThat(browser.visible(By.id("approvers")).getText())
                    .contains("Demo: evidence and policy verdicts reviewed.");
            browser.screenshot("compliance-evidence");

            // Both sessions expire: Keycloak's cookies are gone and the portal's session cookie names a session the
            // portal no longer knows. The next click leads to the sign-in form and, after it, back to the portal.
            browser.driver.get(LocalStack.PORTAL + "/audit");
            browser.visible(By.id("audit-events"));
            browser.driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            browser.driver.executeCdpCommand("Network.setCookie",
                    Map.of("name", "JSESSIONID", "value", "expired", "domain", "localhost", "path", "/"));
            browser.click(By.id("verify"));
            browser.fillInSignInForm("carl");
            browser.visible(By.id("audit-events"));

            browser.click(By.id("sign-out"));
            browser.visible(By.id("username"));
            assertThat(browser.driver.getCurrentUrl()).startsWith(LocalStack.KEYCLOAK + "/realms/modelops/");
        }
        var recent = stack.get(stack.userToken("carl"), "/api/v1/audit?actor=carl&action=audit.exported", 200);
        assertThat(recent.get("total").asLong()).isPositive();
    }

    private static Path awaitDownload(Path folder, String suffix) {
        var deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            try (var files = Files.list(folder)) {
                var done = files.filter(f -> f.toString().endsWith(suffix)).findFirst();
                if (done.isPresent()) {
                    return done.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LocalStack.sleep(200);
        }
        throw new AssertionError("no " + suffix + " file was downloaded into " + folder);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
