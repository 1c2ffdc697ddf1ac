package org.modelops.governance.monitoring;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.modelops.governance.shared.Refusal;

/**
 * Adds a collector's pre-aggregated window counts to the same window counts and tallies the prediction records
 * update, exactly once per batch id: the id is stored with {@code ON CONFLICT DO NOTHING} in the transaction that adds
 * the counts, so a retried or concurrent duplicate adds nothing, and the same id with another body is refused. Like
 * prediction batches: no model lock, no audit event; only a change of verdict is audited.
 */
@Singleton
public class WindowCountIngestion {

    /** What a batch did: whether it was counted now or had been before, the drift windows it fed, its records. */
    public record Ingested(boolean duplicate, List<Instant> windows, long records) {
    }

    private final MonitoredVersions versions;
    private final MonitoringStore store;
    private final WindowCountBatches batches;
    private final Clock clock = Clock.systemUTC();

    WindowCountIngestion(MonitoredVersions versions, MonitoringStore store, WindowCountBatches batches) {
        this.versions = versions;
        this.store = store;
        this.batches = batches;
    }

    /** Counts the batch, whose canonical body (RFC 8785) has the given SHA-256. */
    @Transactional
    public Ingested ingest(String name, int number, WindowCountBatch batch, String bodySha256) {
        var monitored = versions.find(name, number);
        var baseline = store.baseline(monitored.id()).orElseThrow(() -> MonitoredVersions.noBaseline(name, number));
        var policy = monitored.policy();
        PredictionIngestion.drift(policy.policy(), policy.name(), policy.version());
        var now = clock.instant();
        var counted = WindowCounts.count(new WindowCounts.Spec(policy.sha256(), policy.policy().monitoring(),
                baseline.profile(), baseline.profileSha256()), batch, now);
        var before = batches.record(monitored.id(), batch.batchId(), bodySha256, batch.windows().size(),
                counted.records(), now);
        if (before.isPresent()) {
            if (!before.get().equals(bodySha256)) {
                throw new Refusal(Refusal.Kind.CONFLICT, "batch-id-reused", "Batch '" + batch.batchId() + "' was"
                        + " counted before with other counts; nothing of this one was counted. A retry sends the"
                        + " same body; new counts need a new batch id.",
                        List.of(new org.modelops.governance.shared.FieldViolation("batchId", "unique",
                                "already used for a different batch")));
            }
            return new Ingested(true, counted.windows(), counted.records());
        }
        store.addCounts(monitored.id(), counted.counts());
        store.addTallies(monitored.id(), counted.tallies());
        return new Ingested(false, counted.windows(), counted.records());
    }
}
