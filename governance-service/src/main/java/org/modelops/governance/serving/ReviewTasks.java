package org.modelops.governance.serving;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The serving phase's open tasks for people (reviews, re-certifications) in the workflow engine. */
public interface ReviewTasks {

    /**
     * @param kind {@code monitoring-review} or {@code recertification}
     * @param breach the breach the task follows, or null
     */
    record ReviewTask(String id, String name, String kind, String model, int version, String submittedBy,
            String ownerTeam, List<String> candidateRoles, Instant createdAt, String reason, Long breach,
            String lifecycleId) {
    }

    Optional<ReviewTask> open(String taskId);

    /** Open tasks offered to any of the roles, oldest first. */
    List<ReviewTask> openFor(List<String> roles);

    /** Whether this was a serving-phase task that has ended (decided, or withdrawn when serving ended). */
    boolean ended(String taskId);

    /** Completes the task with its outcome; the serving phase moves on in the caller's transaction. */
    void complete(String taskId, String outcome, String comment);
}
