package org.modelops.governance.workflow;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code governance.workflow.*}: where BPMN files come from besides the packaged ones, and whether this replica runs
 * the engine's job executor (timers, asynchronous steps).
 */
@ConfigurationProperties("governance.workflow")
public record WorkflowProperties(@Nullable String directory, @Nullable Boolean asyncExecutor) {

    public boolean runsJobs() {
        return asyncExecutor == null || asyncExecutor;
    }
}
