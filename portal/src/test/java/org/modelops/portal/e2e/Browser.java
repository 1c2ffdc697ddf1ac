package org.modelops.portal.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's ChromeDriver (no driver or browser download), with a fresh
 * profile, a download folder, and screenshots saved under {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    final Path downloads;
    private final Path profile;

    Browser(int width, int height) {
        try {
            profile = Files.createTempDirectory("modelops-e2e-profile");
            downloads = Files.createTempDirectory("modelops-e2e-downloads");
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var options = new ChromeOptions();
        options.setBinary(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        // A portal on a port the realm's redirect URIs do not list is reached under one they do (portal.sh
        // --portal-seen-as): e.g. "MAP localhost:18081 127.0.0.1:28581".
        var hostRules = System.getProperty("e2e.host-resolver-rules", "");
        if (!hostRules.isBlank()) {
            options.addArguments("--host-resolver-rules=" + hostRules);
        }
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver"))
                        .toFile())
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** Signs in on Keycloak's own login page, which the portal redirected to. */
    void signIn(String username) {
        driver.get(LocalStack.PORTAL + "/");
        fillInSignInForm(username);
    }

    /** Signs in on Keycloak's form, which must be showing or about to show. */
    void fillInSignInForm(String username) {
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(LocalStack.PASSWORD);
        driver.findElement(By.id("kc-login")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in-user")));
    }

    WebElement visible(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Scrolls the element to the middle of the view first, as a user would, then clicks it. */
    void click(By by) {
        var element = waiting().until(ExpectedConditions.elementToBeClickable(by));
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        waiting().until(ExpectedConditions.elementToBeClickable(element)).click();
    }

    void waitForText(By by, String text) {
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    void screenshot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
