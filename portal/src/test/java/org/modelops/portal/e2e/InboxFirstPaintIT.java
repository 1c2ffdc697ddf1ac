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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A measurement, not a test of behaviour (deploy/bench/portal.sh runs it; it is skipped unless {@code inbox.tasks} is
 * set): tops dana's inbox up to {@code inbox.tasks} open decisions through the API (several clients at a time), then times, in headless Chromium,
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
        if (open < wanted) {
            open = topUp(stack, open, wanted);
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

    /**
     * Submits the missing decisions through the API, {@code inbox.submitters} clients at a time (4 unless set), each
     * on models of its own with up to 500 versions, then waits for the asynchronous validation steps to put them in
     * dana's inbox.
     */
    private static long topUp(LocalStack stack, long open, int wanted) {
        var started = Instant.now();
        int missing = (int) (wanted - open);
        var batches = new ArrayList<Integer>();
        for (int left = missing; left > 0; left -= 500) {
            batches.add(Math.min(500, left));
        }
        var submitted = new AtomicInteger();
        var pool = Executors.newFixedThreadPool(Integer.getInteger("inbox.submitters", 4));
        try {
            var futures = new ArrayList<Future<?>>();
            for (int batch : batches) {
                futures.add(pool.submit(() -> {
                    stack.submitVersionsWaitingForApproval("inbox-bench-" + UUID.randomUUID().toString()
                            .substring(0, 8), batch);
                    System.out.printf(Locale.ROOT, "==> %d of %d submitted (%s)%n", submitted.addAndGet(batch),
                            missing, Duration.between(started, Instant.now()));
                }));
            }
            for (var future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("a submission failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        var rate = missing / Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
        System.out.printf(Locale.ROOT, "==> %d submissions in %s (%.1f/s)%n", missing,
                Duration.between(started, Instant.now()), rate);
        return awaitOpen(stack, wanted, started);
    }

    private static long openFor(LocalStack stack) {
        return stack.get(stack.userToken("dana"), "/api/v1/tasks?size=1", 200).get("total").asLong();
    }

    /**
     * The validation step runs asynchronously: waits until the inbox holds at least {@code expected}, as long as it
     * keeps growing (gives up after two minutes without a new decision).
     */
    private static long awaitOpen(LocalStack stack, long expected, Instant started) {
        long open = openFor(stack);
        var lastGrowth = Instant.now();
        while (open < expected && Instant.now().isBefore(lastGrowth.plus(Duration.ofMinutes(2)))) {
            LocalStack.sleep(2000);
            long now = openFor(stack);
            if (now > open) {
                lastGrowth = Instant.now();
                System.out.printf(Locale.ROOT, "==> %d open decisions for dana (%s)%n", now,
                        Duration.between(started, Instant.now()));
            }
            open = now;
        }
        return open;
    }
}
