package org.modelops.governance.monitoring;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;

import org.modelops.governance.monitoring.MonitoringStore.JoinedPrediction;
import org.modelops.governance.monitoring.MonitoringStore.StoredOutcome;
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
 * outcomes are idempotent; nothing waits in the service for a prediction that may never come.
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
        if (records.size() > PredictionIngestion.MAX_BATCH) {
            throw new Refusal(Refusal.Kind.TOO_LARGE, "batch-too-large", "A batch holds at most "
                    + PredictionIngestion.MAX_BATCH + " outcomes; this one has " + records.size()
                    + ". Send it in smaller batches.",
                    List.of(new FieldViolation("records", "maxItems",
                            "at most " + PredictionIngestion.MAX_BATCH + " records")));
        }
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
        var ids = records.stream().map(OutcomeRecord::predictionId).distinct().toList();
        var predictions = new HashMap<String, List<JoinedPrediction>>();
        for (var prediction : store.predictions(monitored.id(), ids)) {
            predictions.computeIfAbsent(prediction.id(), id -> new ArrayList<>()).add(prediction);
        }
        var existing = store.outcomes(monitored.id(), ids);
        var violations = new ArrayList<FieldViolation>();
        var batch = new LinkedHashMap<String, Double>();
        var fresh = new ArrayList<StoredOutcome>();
        var joined = new HashMap<String, JoinedPrediction>();
        int duplicates = 0;
        for (int i = 0; i < records.size() && violations.size() < MAX_REPORTED; i++) {
            var record = records.get(i);
            var at = "records[" + i + "]";
            var observed = time(record.time(), at + ".time", now, violations);
            var outcome = outcome(record.outcome(), performance, at + ".outcome", violations);
            var found = predictions.getOrDefault(record.predictionId(), List.of());
            if (found.isEmpty()) {
                violations.add(new FieldViolation(at + ".predictionId", "unknown-prediction", "no prediction '"
                        + record.predictionId() + "' has been received for this version; send the outcome again"
                        + " once its prediction is in (outcomes are idempotent)"));
                continue;
            }
            if (found.size() > 1) {
                violations.add(new FieldViolation(at + ".predictionId", "ambiguous-prediction", "prediction '"
                        + record.predictionId() + "' was sent in " + found.size() + " windows; ids must be unique"
                        + " per version for an outcome to join"));
                continue;
            }
            var prediction = found.getFirst();
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
            if (outcome == null || observed == null) {
                continue;
            }
            var before = existing.containsKey(record.predictionId())
                    ? existing.get(record.predictionId())
                    : batch.get(record.predictionId());
            if (before != null) {
                if (before.doubleValue() != outcome) {
                    violations.add(new FieldViolation(at + ".outcome", "outcome-recorded", "prediction '"
                            + record.predictionId() + "' already has the outcome " + before + "; an outcome is"
                            + " recorded once and never changed"));
                } else {
                    duplicates++;
                }
                continue;
            }
            batch.put(record.predictionId(), outcome);
            joined.put(record.predictionId(), prediction);
            fresh.add(new StoredOutcome(record.predictionId(), DriftJudge.windowStart(prediction.predictedAt(),
                    performance.window()), outcome, observed));
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        var stored = store.newOutcomes(monitored.id(), fresh, now);
        var tallies = new SignalTallies(policy.monitoring(), null);
        var windows = new java.util.TreeSet<Instant>();
        for (var outcome : fresh) {
            if (stored.contains(outcome.predictionId())) {
                tallies.outcome(joined.get(outcome.predictionId()), outcome.outcome());
                windows.add(outcome.windowStart());
            }
        }
        store.addTallies(monitored.id(), tallies.rows());
        return new Ingested(stored.size(), records.size() - stored.size(), List.copyOf(windows));
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

    private static Instant time(String text, String field, Instant now, List<FieldViolation> violations) {
        try {
            var time = OffsetDateTime.parse(text).toInstant();
            if (time.isAfter(now.plus(PredictionIngestion.CLOCK_SKEW))) {
                violations.add(new FieldViolation(field, "future", "'" + text + "' is more than "
                        + PredictionIngestion.CLOCK_SKEW.toMinutes() + " minutes ahead of the service's clock (" + now
                        + ")"));
                return null;
            }
            return time;
        } catch (DateTimeParseException | NullPointerException e) {
            violations.add(new FieldViolation(field, "date-time", "'" + text + "' is not an ISO-8601 time with an"
                    + " offset, such as 2026-12-01T09:30:00Z"));
            return null;
        }
    }

}
