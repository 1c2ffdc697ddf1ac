package org.modelops.governance.testing;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.monitoring.SignalVerdictChanged;
import org.modelops.governance.registry.ModelCatalog;
import org.modelops.governance.registry.model.ModelName;
import org.modelops.governance.security.Actor;

/**
 * Publishes a verdict change as the monitoring code does ({@code monitoring.verdict-changed} audited and
 * {@link SignalVerdictChanged} published in one transaction under the model's row lock), with evidence a test can
 * recognise: a statistic of 0.71 against a breach level of 0.75 in one window of 1 200 records.
 */
@Singleton
public class VerdictChanges {

    private final ApplicationEventPublisher<SignalVerdictChanged> events;
    private final TransactionOperations<Connection> transactions;
    private final AuditLog audit;
    private final ModelCatalog catalog;

    VerdictChanges(ApplicationEventPublisher<SignalVerdictChanged> events,
            TransactionOperations<Connection> transactions,
            AuditLog audit, ModelCatalog catalog) {
        this.events = events;
        this.transactions = transactions;
        this.audit = audit;
        this.catalog = catalog;
    }

    public void publish(String policy, String name, int version, String signal, String from, String to) {
        var evidence = new LinkedHashMap<String, Object>();
        evidence.put("signal", signal);
        evidence.put("from", from);
        evidence.put("to", to);
        evidence.put("policy", policy);
        evidence.put("policyVersion", 1);
        evidence.put("statistic", "performance".equals(signal) ? "auc" : "errorRate");
        evidence.put("value", 0.71);
        evidence.put("breach", 0.75);
        evidence.put("windows", List.of(Map.of("start", "2026-12-01T08:00:00Z", "end", "2026-12-01T09:00:00Z",
                "records", 1200, "verdict", to)));
        transactions.executeWrite(status -> {
            catalog.modelForUpdate(new ModelName(name));
            audit.record(Actor.SYSTEM, AuditActions.MONITORING_VERDICT_CHANGED, AuditSubject.modelVersion(name,
                    version), evidence, null);
            events.publishEvent(new SignalVerdictChanged(name, version, signal, from, to, evidence));
            return null;
        });
    }
}
