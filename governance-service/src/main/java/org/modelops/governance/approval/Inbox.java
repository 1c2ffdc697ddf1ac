package org.modelops.governance.approval;

import java.util.List;

/**
 * Whose inbox, narrowed how: the open decisions offered to one of {@code roles} that the person may take (not
 * submitted by {@code username}, not owned by one of {@code teams}, not decided by {@code subject} on the current
 * evidence), optionally only one task, one model's, one risk tier's, or only those escalated (or not).
 */
public record Inbox(String subject, String username, List<String> roles, List<String> teams, String taskId,
        String model, String riskTier, Boolean escalated) {

    public Inbox {
        roles = List.copyOf(roles);
        teams = List.copyOf(teams);
    }
}
