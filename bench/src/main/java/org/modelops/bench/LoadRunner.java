package org.modelops.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A closed-loop load generator: {@code clients} threads, each with its own {@link Worker}, call it back to back for a
 * warm-up period and then a measured period. An operation counts when it completes inside the measured period; its
 * latency is wall-clock time from just before the call to just after it.
 */
final class LoadRunner {

    /** One client: owns its connection; {@link #call} is the timed operation. Not shared between threads. */
    interface Worker extends AutoCloseable {

        /** Untimed work before each operation (e.g. refreshing a token). */
        default void prepare() throws Exception {
        }

        /** The timed operation; returns null on success, else a short description of what went wrong. */
        String call() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /** Creates the worker of client {@code index} (0-based); connections are opened here, before any timing. */
    interface WorkerFactory {
        Worker create(int index) throws Exception;
    }

    /** What one run measured. {@code successesPerClient} covers warm-up and measured period alike. */
    record Measurement(int clients, long ops, double seconds, long[] sortedLatencyNanos, long errors,
            Map<String, Long> errorSamples, long[] successesPerClient) {

        double opsPerSecond() {
            return ops / seconds;
        }

        double percentileMillis(double quantile) {
            if (sortedLatencyNanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(quantile * sortedLatencyNanos.length);
            return sortedLatencyNanos[Math.max(0, Math.min(rank, sortedLatencyNanos.length) - 1)] / 1e6;
        }

        double maxMillis() {
            return sortedLatencyNanos.length == 0
                    ? Double.NaN
                    : sortedLatencyNanos[sortedLatencyNanos.length - 1] / 1e6;
        }

        long totalSuccesses() {
            return Arrays.stream(successesPerClient).sum();
        }
    }

    private static final int MAX_ERROR_SAMPLES = 5;
    private static final long ERROR_BACKOFF_MILLIS = 20;

    private LoadRunner() {
    }

    static Measurement run(int clients, Duration warmup, Duration measured, WorkerFactory factory)
            throws Exception {
        var workers = new ArrayList<Worker>(clients);
        try {
            for (int i = 0; i < clients; i++) {
                workers.add(factory.create(i));
            }
            return run(workers, warmup, measured);
        } finally {
            for (var worker : workers) {
                try {
                    worker.close();
                } catch (Exception e) {
                    System.err.println("closing a worker failed: " + e);
                }
            }
        }
    }

    private static Measurement run(List<Worker> workers, Duration warmup, Duration measured)
            throws InterruptedException {
        int clients = workers.size();
        var loops = new ClientLoop[clients];
        var go = new CountDownLatch(1);
        var threads = new Thread[clients];
        long begin = System.nanoTime() + Duration.ofMillis(100).toNanos();
        long measureStart = begin + warmup.toNanos();
        long measureEnd = measureStart + measured.toNanos();
        for (int i = 0; i < clients; i++) {
            loops[i] = new ClientLoop(workers.get(i), go, begin, measureStart, measureEnd);
            threads[i] = new Thread(loops[i], "bench-client-" + i);
            threads[i].start();
        }
        go.countDown();
        for (var thread : threads) {
            thread.join();
        }

        long ops = 0;
        long errors = 0;
        var successes = new long[clients];
        var samples = new LinkedHashMap<String, Long>();
        for (int i = 0; i < clients; i++) {
            ops += loops[i].latencyCount;
            errors += loops[i].errors;
            successes[i] = loops[i].successes;
            loops[i].errorSamples.forEach((message, count) -> {
                if (samples.containsKey(message) || samples.size() < MAX_ERROR_SAMPLES) {
                    samples.merge(message, count, Long::sum);
                }
            });
        }
        var latencies = new long[(int) ops];
        int at = 0;
        for (var loop : loops) {
            System.arraycopy(loop.latencies, 0, latencies, at, loop.latencyCount);
            at += loop.latencyCount;
        }
        Arrays.sort(latencies);
        return new Measurement(clients, ops, measured.toNanos() / 1e9, latencies, errors, samples, successes);
    }

    private static final class ClientLoop implements Runnable {

        private final Worker worker;
        private final CountDownLatch go;
        private final long begin;
        private final long measureStart;
        private final long measureEnd;
        long[] latencies = new long[4096];
        int latencyCount;
        long successes;
        long errors;
        final Map<String, Long> errorSamples = new LinkedHashMap<>();

        ClientLoop(Worker worker, CountDownLatch go, long begin, long measureStart, long measureEnd) {
            this.worker = worker;
            this.go = go;
            this.begin = begin;
            this.measureStart = measureStart;
            this.measureEnd = measureEnd;
        }

        @Override
        public void run() {
            try {
                go.await();
                long wait = begin - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            while (true) {
                String error;
                long start;
                long finish;
                try {
                    worker.prepare();
                    start = System.nanoTime();
                    if (start >= measureEnd) {
                        return;
                    }
                    error = worker.call();
                } catch (Exception e) {
                    start = 0;
                    error = e.toString();
                }
                finish = System.nanoTime();
                if (error == null) {
                    successes++;
                    if (finish >= measureStart && finish < measureEnd) {
                        record(finish - start);
                    }
                } else {
                    errors++;
                    if (errorSamples.containsKey(error) || errorSamples.size() < MAX_ERROR_SAMPLES) {
                        errorSamples.merge(error, 1L, Long::sum);
                    }
                    if (finish >= measureEnd) {
                        return;
                    }
                    try {
                        Thread.sleep(ERROR_BACKOFF_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }

        private void record(long nanos) {
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[latencyCount++] = nanos;
        }
    }
}
