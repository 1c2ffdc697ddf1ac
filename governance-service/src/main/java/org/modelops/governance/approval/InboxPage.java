package org.modelops.governance.approval;

import org.modelops.governance.shared.Page;
import org.modelops.governance.shared.PageRequest;

/**
 * One page of an inbox's approvals with what the whole inbox counts: all of them ({@code tasks.total()}), the
 * high-risk ones and the escalated ones, under the same filters.
 */
public record InboxPage(Page<ApprovalTask> tasks, long highRisk, long escalated) {

    public static InboxPage empty(PageRequest page) {
        return new InboxPage(new Page<>(java.util.List.of(), 0, page.page(), page.size()), 0, 0);
    }
}
