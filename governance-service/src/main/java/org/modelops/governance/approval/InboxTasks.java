package org.modelops.governance.approval;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modelops.governance.security.Actor;

/**
 * Tasks of other features that people find in the same inbox ({@code GET /api/v1/tasks}) and decide at the same place
 * ({@code POST /api/v1/tasks/{id}/decision}), e.g. the serving phase's reviews. Each implementation enforces its own
 * rules and separation of duties.
 */
public interface InboxTasks {

    /**
     * @param kind what the portal shows it as, e.g. {@code monitoring-review}, {@code recertification}
     * @param details what the task is about, for its reader (reason, evidence, the outcomes it takes)
     */
    record InboxTask(String id, String name, String kind, String model, int version, Instant createdAt,
            List<String> candidateRoles, Map<String, Object> details) {

        public boolean escalated() {
            return candidateRoles.contains("governance-admin");
        }
    }

    /** Open tasks this person may decide, oldest first. */
    List<InboxTask> waitingFor(Actor actor);

    /** Decides the task if it is one of these (empty otherwise), in one transaction with what the decision does. */
    Optional<InboxTask> decide(Actor actor, String taskId, String decision, String comment);
}
