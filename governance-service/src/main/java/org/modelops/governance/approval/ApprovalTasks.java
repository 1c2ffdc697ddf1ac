package org.modelops.governance.approval;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modelops.governance.shared.PageRequest;

/** The open approval tasks of the workflow engine. */
public interface ApprovalTasks {

    Optional<ApprovalTask> open(String taskId);

    /** Open tasks offered to any of the roles, oldest first. */
    List<ApprovalTask> openFor(List<String> roles);

    /**
     * One page of the inbox, oldest first, and how many decisions it holds in all; filtered, counted and paged by the
     * database, with the same rules as {@link ApprovalDecisions#conflict} and
     * {@link ApprovalRecords#decidedOnCurrentEvidence}.
     */
    InboxPage waitingFor(Inbox inbox, PageRequest page);

    /** Completes the task with the decision's variables; the process moves on in the caller's transaction. */
    void complete(String taskId, Map<String, Object> variables);

    /** The approval task's end without a decision (e.g. the evidence changed under it), if it ended so. */
    Optional<Withdrawal> withdrawn(String taskId);
}
