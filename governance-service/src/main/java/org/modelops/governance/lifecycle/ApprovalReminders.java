package org.modelops.governance.lifecycle;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.security.Actor;

/** The approval SLA: a reminder to the approvers, then an escalation to governance-admin, both on the record. */
@Singleton
public class ApprovalReminders {

    private final AuditLog audit;

    ApprovalReminders(AuditLog audit) {
        this.audit = audit;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void remind(String model, int version, String taskId, String lifecycleId) {
        audit.record(Actor.SYSTEM, AuditActions.APPROVAL_REMINDED, AuditSubject.modelVersion(model, version),
                details(taskId, "approvers reminded: the decision is waiting longer than the policy's reminder time"),
                lifecycleId);
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void escalate(String model, int version, String taskId, String lifecycleId) {
        audit.record(Actor.SYSTEM, AuditActions.APPROVAL_ESCALATED, AuditSubject.modelVersion(model, version),
                details(taskId, "escalated to governance-admin: the decision is overdue"), lifecycleId);
    }

    private static LinkedHashMap<String, Object> details(String taskId, String note) {
        var details = new LinkedHashMap<String, Object>();
        details.put("task", taskId);
        details.put("note", note);
        return details;
    }
}
