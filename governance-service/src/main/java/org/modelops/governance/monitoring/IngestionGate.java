package org.modelops.governance.monitoring;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.concurrent.Semaphore;

/**
 * Bounds the prediction batches one replica counts at once ({@code governance.monitoring.max-concurrent-batches}), so
 * that a burst of collectors cannot take every database connection from the governed paths. A batch over the bound is
 * refused at once with 429 and {@code Retry-After}, never queued: the collector keeps it and retries, and a retry is
 * idempotent.
 */
@Singleton
public class IngestionGate {

    public static final int RETRY_AFTER_SECONDS = 1;

    private final Semaphore permits;

    IngestionGate(@Value("${governance.monitoring.max-concurrent-batches:8}") int permits) {
        this.permits = new Semaphore(permits);
    }

    public boolean tryEnter() {
        return permits.tryAcquire();
    }

    public void leave() {
        permits.release();
    }
}
