package org.modelops.governance.workflow;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * {@code governance.workflow.*}: where BPMN files come from besides the packaged ones, whether this replica runs the
 * engine's job executor (timers, asynchronous steps), and how soon the jobs of a replica that died are taken over.
 */
@ConfigurationProperties("governance.workflow")
public record WorkflowProperties(@Nullable String directory, @Nullable Boolean asyncExecutor,
        @Nullable Duration jobPollInterval, @Nullable Duration jobLockTime, @Nullable Duration expiredJobsInterval,
        @Nullable Integer jobThreads) {

    /**
     * How many asynchronous steps (validations, timers) this replica runs at once: by default one per two processors,
     * at least one. A step is CPU work here and in the database; with a thread per core a backlog of validations
     * takes every core from the requests being answered. So a burst of submissions is answered first and validated
     * right behind it, at half the cores (docs/operations.md, "Job threads").
     */
    public int threads() {
        return jobThreads == null || jobThreads < 1
                ? Math.max(1, Runtime.getRuntime().availableProcessors() / 2)
                : jobThreads;
    }

    /** How often an idle job executor looks for due timers and asynchronous steps. */
    public Duration pollInterval() {
        return jobPollInterval == null ? Duration.ofSeconds(5) : jobPollInterval;
    }

    /**
     * How long a replica owns a job it took; past that, any replica may take it again. Longer than any step runs
     * (steps take milliseconds; a statement may run 15 s), short enough that a dead replica's work resumes soon.
     */
    public Duration lockTime() {
        return jobLockTime == null ? Duration.ofSeconds(30) : jobLockTime;
    }

    /** How often a running executor looks for jobs whose owner's lock has expired and frees them. */
    public Duration expiredJobsCheck() {
        return expiredJobsInterval == null ? Duration.ofSeconds(5) : expiredJobsInterval;
    }

    public boolean runsJobs() {
        return asyncExecutor == null || asyncExecutor;
    }
}
