package org.modelops.portal.governance;

import java.util.List;

/**
 * The inbox's first page as the service answers it ({@code GET /api/v1/tasks}): the decisions, how many wait in all,
 * and how many of them are high risk or escalated; one request for the inbox's summary and first rows.
 */
public record InboxPage(List<DecisionTask> items, long total, int page, int size, long highRisk, long escalated) {

    public InboxPage {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public Page<DecisionTask> asPage() {
        return new Page<>(items, total, page, size);
    }
}
