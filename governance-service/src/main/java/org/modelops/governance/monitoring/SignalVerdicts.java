package org.modelops.governance.monitoring;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.audit.AuditLog;

import org.modelops.governance.monitoring.model.MonitoringVerdict;
import org.modelops.governance.monitoring.model.SignalRules;
import org.modelops.governance.monitoring.model.SignalWindow;
import org.modelops.governance.registry.ModelCatalog;
import org.modelops.governance.security.Actor;

/**
 * The one place where a version's verdict per signal changes. It re-judges every signal the pinned policy watches
 * and, for each whose k-of-n verdict differs from the one recorded (initially none, taken as INSUFFICIENT_DATA),
 * stores the new verdict, audits {@code monitoring.verdict-changed} with its exact evidence, and publishes a
 * {@link SignalVerdictChanged} — all in one transaction, under the model's row lock (model, then version, then audit),
 * so that two replicas evaluating at once record one change and a listener's work commits or rolls back with it.
 */
@Singleton
public class SignalVerdicts {

    /** Windows computed when judging: the largest k-of-n a policy may name. */
    static final int JUDGED_WINDOWS = 100;

    private final MonitoredVersions versions;
    private final SignalStatus status;
    private final MonitoringStore store;
    private final ModelCatalog catalog;
    private final AuditLog audit;
    private final ApplicationEventPublisher<SignalVerdictChanged> events;
    private final Clock clock = Clock.systemUTC();

    SignalVerdicts(MonitoredVersions versions, SignalStatus status, MonitoringStore store, ModelCatalog catalog,
            AuditLog audit, ApplicationEventPublisher<SignalVerdictChanged> events) {
        this.versions = versions;
        this.status = status;
        this.store = store;
        this.catalog = catalog;
        this.audit = audit;
        this.events = events;
    }

    /** The signals whose verdict changed (and was recorded), with the new verdict; empty when all stand. */
    @Transactional
    public Map<String, MonitoringVerdict> evaluate(String name, int number) {
        var monitored = versions.find(name, number);
        catalog.modelForUpdate(monitored.version().model());
        var changed = new TreeMap<String, MonitoringVerdict>();
        for (var state : status.states(monitored, JUDGED_WINDOWS)) {
            if (state.rule() == null) {
                continue;
            }
            var stored = store.lastVerdict(monitored.id(), state.signal());
            var previous = stored.orElse(MonitoringVerdict.INSUFFICIENT_DATA);
            if (previous == state.verdict()) {
                continue;
            }
            store.saveVerdict(monitored.id(), state.signal(), state.verdict(), state.judged().isEmpty()
                    ? null
                    : state.judged().getLast().start(), clock.instant());
            var evidence = evidence(previous, state);
            audit.record(Actor.SYSTEM, AuditActions.MONITORING_VERDICT_CHANGED, AuditSubject.modelVersion(name,
                    number), evidence, monitored.version().lifecycleId());
            events.publishEvent(new SignalVerdictChanged(name, number, state.signal(),
                    stored.map(Enum::name).orElse(null), state.verdict().name(), evidence));
            changed.put(state.signal(), state.verdict());
        }
        return changed;
    }

    /** Everything the verdict rests on, so that it can be recomputed from the stored counts and tallies. */
    static Map<String, Object> evidence(MonitoringVerdict previous, SignalStatus.State state) {
        var details = new LinkedHashMap<String, Object>();
        details.put("signal", state.signal());
        details.put("from", previous.name());
        details.put("to", state.verdict().name());
        details.put("explanation", state.explanation());
        details.put("policy", state.policy().name());
        details.put("policyVersion", state.policy().version());
        details.put("policySha256", state.policy().sha256());
        if (state.profileSha256() != null) {
            details.put("profileSha256", state.profileSha256());
        }
        details.putAll(state.rule());
        details.put("evaluatedAt", state.evaluatedAt().toString());
        var windows = new ArrayList<Map<String, Object>>();
        for (var window : state.judged()) {
            windows.add(window(window, state.signal()));
        }
        details.put("windows", windows);
        return details;
    }

    private static Map<String, Object> window(SignalWindow window, String signal) {
        var measures = new ArrayList<Map<String, Object>>();
        for (var measure : window.measures()) {
            var out = new LinkedHashMap<String, Object>();
            out.put(SignalRules.DRIFT.equals(signal) ? "column" : "metric", measure.metric());
            out.put("statistic", measure.statistic());
            out.put("value", measure.value());
            if (measure.lower() != null) {
                out.put("lower", measure.lower());
                out.put("upper", measure.upper());
            }
            out.put("count", measure.count());
            out.put("warn", measure.warn());
            out.put("breach", measure.breach());
            out.put("direction", measure.direction());
            out.put("verdict", measure.verdict().name());
            var notable = measure.verdict() == MonitoringVerdict.BREACH || measure.verdict() == MonitoringVerdict.WARN;
            measure.detail().forEach((key, value) -> {
                if (!"counts".equals(key) || notable) {
                    out.put(key, value);
                }
            });
            measures.add(out);
        }
        var out = new LinkedHashMap<String, Object>();
        out.put("start", window.start().toString());
        out.put("end", window.end().toString());
        out.put("records", window.records());
        out.put("verdict", window.verdict().name());
        out.put(SignalRules.DRIFT.equals(signal) ? "columns" : "measures", measures);
        return out;
    }

}
