package org.modelops.governance.monitoring;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.monitoring.model.MonitoringVerdict;
import org.modelops.governance.registry.ModelCatalog;
import org.modelops.governance.security.Actor;

/**
 * Records a version's drift verdict when it changes, with its evidence, as an audit event in the same transaction as
 * the stored verdict. Under the model's row lock (model, then version, then audit), so that two replicas evaluating at
 * once record one change. A version not judged yet counts as INSUFFICIENT_DATA.
 */
@Singleton
public class DriftVerdicts {

    private final MonitoredVersions versions;
    private final DriftStatus status;
    private final MonitoringStore store;
    private final ModelCatalog catalog;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    DriftVerdicts(MonitoredVersions versions, DriftStatus status, MonitoringStore store, ModelCatalog catalog,
            AuditLog audit) {
        this.versions = versions;
        this.status = status;
        this.store = store;
        this.catalog = catalog;
        this.audit = audit;
    }

    /** The new verdict when it changed (and was recorded), empty when it stands as it was. */
    @Transactional
    public Optional<MonitoringVerdict> evaluate(String name, int number) {
        var monitored = versions.find(name, number);
        catalog.modelForUpdate(monitored.version().model());
        var now = status.status(monitored, 1);
        if (now.drift() == null || now.baseline() == null) {
            return Optional.empty();
        }
        var previous = store.lastVerdict(monitored.id(), DriftStatus.SIGNAL).orElse(
                MonitoringVerdict.INSUFFICIENT_DATA);
        if (previous == now.verdict()) {
            return Optional.empty();
        }
        var judged = status.status(monitored, now.drift().consecutive().of());
        store.saveVerdict(monitored.id(), DriftStatus.SIGNAL, judged.verdict(), DriftStatus.latestStart(judged),
                clock.instant());
        audit.record(Actor.SYSTEM, AuditActions.MONITORING_VERDICT_CHANGED, AuditSubject.modelVersion(name, number),
                evidence(previous, judged), monitored.version().lifecycleId());
        return Optional.of(judged.verdict());
    }

    /** Everything the verdict rests on, so that it can be recomputed from the stored counts. */
    private static Map<String, Object> evidence(MonitoringVerdict previous, DriftStatus.Status judged) {
        var drift = judged.drift();
        var details = new LinkedHashMap<String, Object>();
        details.put("signal", DriftStatus.SIGNAL);
        details.put("from", previous.name());
        details.put("to", judged.verdict().name());
        details.put("explanation", judged.explanation());
        details.put("policy", judged.policy().name());
        details.put("policyVersion", judged.policy().version());
        details.put("policySha256", judged.policy().sha256());
        details.put("profileSha256", judged.baseline().profileSha256());
        details.put("window", drift.window().toString());
        details.put("minSample", drift.minSample());
        details.put("consecutive", Map.of("breaches", drift.consecutive().breaches(), "of",
                drift.consecutive().of()));
        details.put("onBreach", drift.onBreach());
        var windows = new ArrayList<Map<String, Object>>();
        for (var window : judged.windows()) {
            var columns = new ArrayList<Map<String, Object>>();
            for (var column : window.columns()) {
                var out = new LinkedHashMap<String, Object>();
                out.put("column", column.column());
                out.put("statistic", column.statistic());
                out.put("value", column.value());
                out.put("warn", column.levels().warn());
                out.put("breach", column.levels().breach());
                out.put("verdict", column.verdict().name());
                if (column.verdict() == MonitoringVerdict.BREACH || column.verdict() == MonitoringVerdict.WARN) {
                    out.put("counts", column.counts());
                }
                columns.add(out);
            }
            var out = new LinkedHashMap<String, Object>();
            out.put("start", window.start().toString());
            out.put("end", window.end().toString());
            out.put("records", window.records());
            out.put("verdict", window.verdict().name());
            out.put("columns", columns);
            windows.add(out);
        }
        details.put("windows", windows);
        return details;
    }

}
