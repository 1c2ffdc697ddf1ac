package org.modelops.governance.monitoring;

import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.StringReader;
import java.time.Clock;
import java.util.LinkedHashMap;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.monitoring.MonitoringStore.StoredBaseline;
import org.modelops.governance.monitoring.model.Bins;
import org.modelops.governance.policy.model.PolicyVersion;
import org.modelops.governance.registry.ModelCatalog;
import org.modelops.governance.security.Actor;
import org.modelops.governance.shared.Digests;
import org.modelops.governance.shared.Refusal;

/**
 * A version's baseline: computed once from a reference sample, frozen, audited. The same sample sent again changes
 * nothing; a different one is refused, because counts already taken on the frozen bins would no longer compare.
 */
@Singleton
public class Baselines {

    /** The stored baseline, whether this request created it, and the policy the version is monitored under. */
    public record Recorded(StoredBaseline baseline, boolean created, PolicyVersion policy) {
    }

    private final MonitoredVersions versions;
    private final MonitoringStore store;
    private final ModelCatalog catalog;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    Baselines(MonitoredVersions versions, MonitoringStore store, ModelCatalog catalog, AuditLog audit) {
        this.versions = versions;
        this.store = store;
        this.catalog = catalog;
        this.audit = audit;
    }

    /** @param format {@code csv} or {@code jsonl} */
    @Transactional
    public Recorded record(Actor actor, String name, int number, String format, String sample) {
        var monitored = versions.find(name, number);
        var profile = BaselineSamples.profile(format, new StringReader(sample));
        var sampleSha256 = Digests.sha256Hex(sample);
        catalog.modelForUpdate(monitored.version().model());
        var existing = store.baseline(monitored.id());
        if (existing.isPresent()) {
            if (existing.get().sampleSha256().equals(sampleSha256)) {
                return new Recorded(existing.get(), false, monitored.policy());
            }
            throw Refusal.conflict("baseline-exists", "Version " + number + " of model '" + name + "' already has a"
                    + " baseline (sample SHA-256 " + existing.get().sampleSha256() + ", recorded by "
                    + existing.get().createdBy() + "); its bins are frozen, so a different sample cannot replace it."
                    + " Submit a new version to monitor against a new baseline.");
        }
        var text = ProfileJson.text(profile);
        var baseline = new StoredBaseline(profile, Digests.sha256Hex(text), sampleSha256, format, clock.instant(),
                actor.username());
        store.saveBaseline(monitored.id(), baseline, text, profile.rows());
        var columns = new LinkedHashMap<String, Object>();
        profile.columns().forEach(column -> columns.put(column.name(), column.bins() instanceof Bins.Numeric
                ? "numeric"
                : "categorical"));
        var details = new LinkedHashMap<String, Object>();
        details.put("rows", profile.rows());
        details.put("format", format);
        details.put("sampleSha256", sampleSha256);
        details.put("profileSha256", baseline.profileSha256());
        details.put("columns", columns);
        details.put("policy", monitored.policy().name());
        details.put("policyVersion", monitored.policy().version());
        details.put("policySha256", monitored.policy().sha256());
        audit.record(actor, AuditActions.MONITORING_BASELINE_RECORDED, AuditSubject.modelVersion(name, number),
                details, monitored.version().lifecycleId());
        return new Recorded(baseline, true, monitored.policy());
    }

    @ReadOnly
    public Recorded baseline(String name, int number) {
        var monitored = versions.find(name, number);
        var baseline = store.baseline(monitored.id()).orElseThrow(() -> MonitoredVersions.noBaseline(name, number));
        return new Recorded(baseline, false, monitored.policy());
    }
}
