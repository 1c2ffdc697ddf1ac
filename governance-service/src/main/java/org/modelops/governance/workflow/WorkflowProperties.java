package org.modelops.governance.workflow;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * {@code governance.workflow.*}: where BPMN files come from besides the packaged ones, and whether this replica runs
 * the engine's job executor (timers, asynchronous steps).
 */
@ConfigurationProperties("governance.workflow")
public record WorkflowProperties(@Nullable String directory, @Nullable Boolean asyncExecutor,
        @Nullable Duration jobPollInterval) {

    /** How often an idle job executor looks for due timers and asynchronous steps. */
    public Duration pollInterval() {
        return jobPollInterval == null ? Duration.ofSeconds(5) : jobPollInterval;
    }

    public boolean runsJobs() {
        return asyncExecutor == null || asyncExecutor;
    }
}
