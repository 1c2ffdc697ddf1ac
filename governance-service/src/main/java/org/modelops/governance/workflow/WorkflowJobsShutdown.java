package org.modelops.governance.workflow;

import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.flowable.engine.ProcessEngine;

/**
 * On a graceful stop, while the HTTP server drains its requests, the job executor stops taking jobs, lets the ones it
 * runs finish, and hands back the ones it took but did not start, so another replica runs them at once instead of
 * after their lock expires. Runs before the connection pool closes.
 */
@Singleton
final class WorkflowJobsShutdown implements GracefulShutdownCapable {

    private final ProcessEngine engine;

    WorkflowJobsShutdown(ProcessEngine engine) {
        this.engine = engine;
    }

    @Override
    public CompletionStage<?> shutdownGracefully() {
        var executor = engine.getProcessEngineConfiguration().getAsyncExecutor();
        if (executor == null || !executor.isActive()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(executor::shutdown,
                task -> Thread.ofVirtual().name("job-executor-shutdown").start(task));
    }
}
