package org.modelops.governance.monitoring;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;
import org.modelops.governance.monitoring.MonitoringStore.OutcomeToJoin;
import org.modelops.governance.monitoring.model.DriftJudge;
import org.modelops.governance.policy.model.Policy;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.Refusal;

/**
 * Joins a batch of outcomes to their predictions by id and counts them into the performance tallies of the
 * prediction's window, exactly once per prediction id: a retry, or the same outcome sent twice, adds nothing; a
 * different outcome for an id that has one is refused (an outcome is a fact, not an estimate). All or nothing: one bad
 * record refuses the batch, naming {@code records[i].field}. An outcome whose prediction has not been received is
 * refused ({@code unknown-prediction}): the collector keeps it and sends it again later, which is safe since
 * outcomes are idempotent; nothing waits in the service for a prediction that may never come. The join, the
 * outcomes recorded before and the insert of the new ones are one statement ({@link MonitoringStore#joinOutcomes});
 * the tallies one upsert of the batch's cells.
 */
@Singleton
public class OutcomeIngestion {

    private static final int MAX_REPORTED = 50;

    /** What a batch did: outcomes counted now, and outcomes already counted before (or twice in the batch). */
    public record Ingested(int accepted, int duplicates, List<Instant> windows) {
    }

    private final MonitoredVersions versions;
    private final MonitoringStore store;
    private final Clock clock = Clock.systemUTC();

    OutcomeIngestion(MonitoredVersions versions, MonitoringStore store) {
        this.versions = versions;
        this.store = store;
    }

    @Transactional
    public Ingested ingest(String name, int number, List<OutcomeRecord> records) {
        PredictionIngestion.refuseTooLarge(records.size(), "outcomes");
        var monitored = versions.find(name, number);
        var policy = monitored.policy().policy();
        if (policy.monitoring() == null || policy.monitoring().performance() == null) {
            throw new Refusal(Refusal.Kind.UNPROCESSABLE, "no-performance-monitoring", "Policy '"
                    + monitored.policy().name() + "' (version " + monitored.policy().version() + "), which governs"
                    + " this version, has no monitoring.performance section: outcomes are not judged. Publish a"
                    + " policy version with one.");
        }
        var performance = policy.monitoring().performance();
        var now = clock.instant();
        var sent = new ArrayList<OutcomeToJoin>(records.size());
        var invalid = new HashMap<Integer, List<FieldViolation>>();
        for (int i = 0; i < records.size(); i++) {
            var record = records.get(i);
            var at = "records[" + i + "]";
            var found = new ArrayList<FieldViolation>(0);
            var observed = PredictionIngestion.time(record.time(), at + ".time", now, found);
            var outcome = outcome(record.outcome(), performance, at + ".outcome", found);
            sent.add(new OutcomeToJoin(record.predictionId(), outcome, observed));
            if (!found.isEmpty()) {
                invalid.put(i, found);
            }
        }
        // One round trip: the join by prediction id, the outcomes recorded before, and the insert of the new ones.
        var joined = store.joinOutcomes(monitored.id(), sent, performance.window(), now);
        var violations = new ArrayList<FieldViolation>();
        var batch = new HashMap<String, Double>();
        var raced = new LinkedHashMap<String, Integer>();
        var tallies = new SignalTallies(policy.monitoring(), null);
        var windows = new TreeSet<Instant>();
        int accepted = 0;
        for (int i = 0; i < records.size() && violations.size() < MAX_REPORTED; i++) {
            var record = records.get(i);
            var at = "records[" + i + "]";
            violations.addAll(invalid.getOrDefault(i, List.of()));
            var found = joined.get(i);
            if (found.matches() == 0) {
                violations.add(new FieldViolation(at + ".predictionId", "unknown-prediction", "no prediction '"
                        + record.predictionId() + "' has been received for this version; send the outcome again"
                        + " once its prediction is in (outcomes are idempotent)"));
                continue;
            }
            if (found.matches() > 1) {
                violations.add(new FieldViolation(at + ".predictionId", "ambiguous-prediction", "prediction '"
                        + record.predictionId() + "' was sent in more than one window; ids must be unique per"
                        + " version for an outcome to join"));
                continue;
            }
            var prediction = found.prediction();
            if (prediction.predictedAt() == null || (performance.classification()
                    ? prediction.score() == null
                    : prediction.predicted() == null)) {
                violations.add(new FieldViolation(at + ".predictionId", "not-joinable", "prediction '"
                        + record.predictionId() + "' was received without " + (performance.classification()
                                ? "a score (or a 0/1 prediction)"
                                : "a numeric prediction")
                        + ", or before performance was watched; its outcome cannot be judged"));
                continue;
            }
            var outcome = sent.get(i).outcome();
            if (outcome == null || sent.get(i).observedAt() == null) {
                continue;
            }
            var before = found.recorded() != null ? found.recorded() : batch.get(record.predictionId());
            if (before != null) {
                if (before.doubleValue() != outcome) {
                    violations.add(recorded(i, record.predictionId(), before));
                }
                continue;
            }
            batch.put(record.predictionId(), outcome);
            if (found.stored()) {
                accepted++;
                tallies.outcome(prediction, outcome);
                windows.add(DriftJudge.windowStart(prediction.predictedAt(), performance.window()));
            } else {
                raced.put(record.predictionId(), i); // stored by a concurrent batch since this one's snapshot
            }
        }
        if (!raced.isEmpty() && violations.size() < MAX_REPORTED) {
            var stored = store.outcomes(monitored.id(), raced.keySet());
            raced.forEach((id, i) -> {
                var before = stored.get(id);
                if (before != null && before.doubleValue() != batch.get(id)) {
                    violations.add(recorded(i, id, before));
                }
            });
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        store.addTallies(monitored.id(), tallies.rows());
        return new Ingested(accepted, records.size() - accepted, List.copyOf(windows));
    }

    private static FieldViolation recorded(int index, String predictionId, Double before) {
        return new FieldViolation("records[" + index + "].outcome", "outcome-recorded", "prediction '" + predictionId
                + "' already has the outcome " + before + "; an outcome is recorded once and never changed");
    }

    private static Double outcome(Object value, Policy.Performance performance, String field,
            List<FieldViolation> violations) {
        if (performance.classification()) {
            if (value instanceof Boolean positive) {
                return positive ? 1.0 : 0.0;
            }
            if (value instanceof Number number && (number.doubleValue() == 0 || number.doubleValue() == 1)) {
                return number.doubleValue();
            }
            violations.add(new FieldViolation(field, "class", "a classifier's outcome is 1 or 0 (true or false);"
                    + " got '" + value + "'"));
            return null;
        }
        if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
            return number.doubleValue();
        }
        violations.add(new FieldViolation(field, "number", "a regressor's outcome is a finite number; got '" + value
                + "'"));
        return null;
    }

}
