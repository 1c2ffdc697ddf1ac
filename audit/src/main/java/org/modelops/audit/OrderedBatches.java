package org.modelops.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs independent work on items in parallel, in batches, and hands the results to a consumer one at a time in the
 * items' order, on the caller's thread: verification checks each event's hash in parallel and the links between
 * events in sequence. At most {@code 2 × threads} batches are in flight, so memory stays bounded whatever the
 * number of items. With one thread the work runs inline.
 */
final class OrderedBatches<T, R> implements AutoCloseable {

    private final ExecutorService pool;
    private final Function<T, R> work;
    private final Predicate<R> consumer;
    private final int batchSize;
    private final int maxInFlight;
    private final ArrayDeque<Future<List<R>>> inFlight = new ArrayDeque<>();
    private List<T> batch;
    private boolean stopped;

    /**
     * @param work what to do with one item, on a worker thread (it must be safe to call from several threads)
     * @param consumer takes the results in order on the caller's thread; false stops everything
     */
    OrderedBatches(int threads, int batchSize, Function<T, R> work, Predicate<R> consumer) {
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, runnable -> {
            var thread = new Thread(runnable, "audit-verify");
            thread.setDaemon(true);
            return thread;
        }) : null;
        this.work = work;
        this.consumer = consumer;
        this.batchSize = batchSize;
        this.maxInFlight = Math.max(2, threads * 2);
        this.batch = new ArrayList<>(batchSize);
    }

    /** Adds an item; false once the consumer has stopped (later items are ignored). */
    boolean add(T item) {
        if (stopped) {
            return false;
        }
        if (pool == null) {
            stopped = !consumer.test(work.apply(item));
            return !stopped;
        }
        batch.add(item);
        if (batch.size() == batchSize) {
            submit();
        }
        return !stopped;
    }

    /** Waits for every item added so far and hands its result to the consumer. */
    void finish() {
        if (pool != null && !batch.isEmpty() && !stopped) {
            submit();
        }
        while (!inFlight.isEmpty() && !stopped) {
            consumeOldest();
        }
    }

    private void submit() {
        var items = batch;
        batch = new ArrayList<>(batchSize);
        inFlight.add(pool.submit(() -> {
            var results = new ArrayList<R>(items.size());
            for (var item : items) {
                results.add(work.apply(item));
            }
            return results;
        }));
        while (inFlight.size() >= maxInFlight && !stopped) {
            consumeOldest();
        }
    }

    private void consumeOldest() {
        List<R> results;
        try {
            results = inFlight.removeFirst().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditTrailException("verification was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AuditTrailException("verification failed", e.getCause());
        }
        for (var result : results) {
            if (!consumer.test(result)) {
                stopped = true;
                return;
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            inFlight.forEach(future -> future.cancel(true));
            pool.shutdownNow();
        }
    }
}
