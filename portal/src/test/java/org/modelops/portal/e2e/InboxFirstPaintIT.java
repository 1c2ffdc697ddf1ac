package org.modelops.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A measurement, not a test of behaviour (deploy/bench/portal.sh runs it; it is skipped unless {@code inbox.tasks} is
 * set): tops dana's inbox up to {@code inbox.tasks} open decisions through the API, then times, in headless Chromium,
 * from asking for {@code /decisions} to the summary and the grid's first row being painted. Writes
 * {@code target/inbox-first-paint.md}. Nothing is asserted about the time.
 */
class InboxFirstPaintIT {

    private static final int RUNS = Integer.getInteger("inbox.runs", 5);

    @Test
    void inboxFirstPaint() throws IOException {
        var wanted = Integer.getInteger("inbox.tasks", 0);
        org.junit.jupiter.api.Assumptions.assumeTrue(wanted > 0, "set -Dinbox.tasks=N to measure");
        var stack = new LocalStack();
        long open = openFor(stack);
        var started = Instant.now();
        while (open < wanted) {
            int batch = (int) Math.min(500, wanted - open);
            stack.submitVersionsWaitingForApproval("inbox-bench-" + UUID.randomUUID().toString().substring(0, 8),
                    batch);
            open = awaitOpen(stack, open + batch);
            System.out.printf(Locale.ROOT, "==> %d open decisions for dana (%s)%n", open,
                    Duration.between(started, Instant.now()));
        }
        var millis = new ArrayList<Double>();
        try (var browser = new Browser(1280, 800)) {
            browser.signIn("dana");
            for (int run = 0; run <= RUNS; run++) {
                long start = System.nanoTime();
                browser.driver.get(LocalStack.PORTAL + "/decisions");
                browser.waitForText(By.id("inbox-summary"), "for you");
                browser.visible(By.cssSelector("#inbox vaadin-grid-cell-content a"));
                double elapsed = (System.nanoTime() - start) / 1e6;
                if (run > 0) {
                    millis.add(elapsed);
                }
                System.out.printf(Locale.ROOT, "==> %s: %.0f ms%n", run == 0
                        ? "first load (not counted)"
                        : "run " + run, elapsed);
            }
            browser.screenshot("inbox-first-paint");
            assertThat(browser.driver.findElement(By.id("inbox-summary")).getText()).contains(Long.toString(open));
        }
        millis.sort(Double::compare);
        var report = String.format(Locale.ROOT, """
                # Portal inbox: first paint

                - Date: %s; portal %s, service %s
                - Open decisions for dana: %d
                - From `driver.get(/decisions)` (signed in) to the summary and the grid's first row painted, headless
                  Chromium 1280×800, %d runs after one unmeasured: median %.0f ms, max %.0f ms (all: %s)
                """, Instant.now(), LocalStack.PORTAL, LocalStack.SERVICE, open, RUNS, millis.get(millis.size() / 2),
                millis.getLast(), millis);
        System.out.println(report);
        Files.writeString(Path.of("target", "inbox-first-paint.md"), report);
    }

    private static long openFor(LocalStack stack) {
        return stack.get(stack.userToken("dana"), "/api/v1/tasks?size=1", 200).get("total").asLong();
    }

    /** The validation step runs asynchronously: waits until the inbox holds at least {@code expected}. */
    private static long awaitOpen(LocalStack stack, long expected) {
        var deadline = Instant.now().plus(Duration.ofMinutes(10));
        long open;
        do {
            open = openFor(stack);
            if (open >= expected) {
                return open;
            }
            LocalStack.sleep(1000);
        } while (Instant.now().isBefore(deadline));
        return open;
    }
}
