package org.modelops.governance.monitoring;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.modelops.governance.monitoring.MonitoringStore.BinCount;
import org.modelops.governance.monitoring.MonitoringStore.CountedRecord;
import org.modelops.governance.monitoring.model.BaselineProfile;
import org.modelops.governance.monitoring.model.DriftJudge;
import org.modelops.governance.policy.model.Policy;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.Refusal;

/**
 * Counts a batch of prediction records into its windows' bins, exactly once per record id: the ids are stored with
 * {@code ON CONFLICT DO NOTHING} and only the new ones are counted, all in one transaction, so a retried or concurrent
 * duplicate batch adds nothing. A batch is all or nothing: one bad record refuses it, naming the record and field.
 * High volume: no model lock and no audit event per batch; only a change of verdict is audited.
 */
@Singleton
public class PredictionIngestion {

    /** Most records in one batch; a larger batch is refused with 413 (send it in parts). */
    public static final int MAX_BATCH = 1000;
    /** A record stamped further in the future than this is refused: a clock that is off would skew its window. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int MAX_REPORTED = 50;

    /** What a batch did: records counted now, records already counted before (or twice in the batch). */
    public record Ingested(int accepted, int duplicates, List<Instant> windows) {
    }

    private final MonitoredVersions versions;
    private final MonitoringStore store;
    private final Clock clock = Clock.systemUTC();

    PredictionIngestion(MonitoredVersions versions, MonitoringStore store) {
        this.versions = versions;
        this.store = store;
    }

    @Transactional
    public Ingested ingest(String name, int number, List<PredictionRecord> records) {
        refuseTooLarge(records.size(), "records");
        var monitored = versions.find(name, number);
        var baseline = store.baseline(monitored.id()).orElseThrow(() -> MonitoredVersions.noBaseline(name, number))
                .profile();
        var drift = drift(monitored.policy().policy(), monitored.policy().name(), monitored.policy().version());
        var monitoring = monitored.policy().policy().monitoring();
        var performance = monitoring.performance();
        var now = clock.instant();
        var violations = new ArrayList<FieldViolation>();
        var counted = new ArrayList<CountedRecord>();
        var bins = new ArrayList<int[]>();
        var kept = new ArrayList<PredictionRecord>();
        var times = new ArrayList<Instant>();
        for (int i = 0; i < records.size() && violations.size() < MAX_REPORTED; i++) {
            var record = records.get(i);
            var at = "records[" + i + "]";
            var time = time(record.time(), at + ".time", now, violations);
            if (record.features().containsKey(BaselineProfile.PREDICTION)) {
                violations.add(new FieldViolation(at + ".features.prediction", "reserved-name",
                        "'prediction' is the model's output, given beside the features"));
            }
            var row = new int[baseline.columns().size()];
            for (int c = 0; c < row.length; c++) {
                var column = baseline.columns().get(c);
                var prediction = BaselineProfile.PREDICTION.equals(column.name());
                try {
                    row[c] = column.bins().binOf(prediction
                            ? record.prediction()
                            : record.features().get(
                                    column.name()));
                } catch (IllegalArgumentException e) {
                    violations.add(new FieldViolation(at + (prediction
                            ? ".prediction"
                            : ".features."
                                    + column.name()),
                            "type", e.getMessage()));
                }
            }
            if (performance != null && performance.classification() && record.score() != null
                    && !(record.score() >= 0 && record.score() <= 1)) {
                violations.add(new FieldViolation(at + ".score", "probability", "a classifier's score is the"
                        + " probability of the positive class, between 0 and 1; got " + record.score()));
            }
            if (time != null) {
                counted.add(performance == null
                        ? new CountedRecord(record.id(), DriftJudge.windowStart(time, drift.window()), record.arm())
                        : new CountedRecord(record.id(), DriftJudge.windowStart(time, drift.window()), record.arm(),
                                time, SignalTallies.score(record), SignalTallies.predicted(record),
                                SignalTallies.slices(performance, record)));
                bins.add(row);
                kept.add(record);
                times.add(time);
            }
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        var fresh = store.newRecords(monitored.id(), counted, now);
        var counts = new TreeMap<String, long[]>();
        var seen = new HashSet<String>();
        var windows = new TreeSet<Instant>();
        var tallies = new SignalTallies(monitoring, baseline);
        for (int i = 0; i < counted.size(); i++) {
            var record = counted.get(i);
            if (!fresh.contains(record.key()) || !seen.add(record.key())) {
                continue;
            }
            tallies.prediction(kept.get(i), times.get(i), bins.get(i));
            windows.add(record.windowStart());
            for (int c = 0; c < baseline.columns().size(); c++) {
                var column = baseline.columns().get(c);
                counts.computeIfAbsent(record.windowStart() + "\u0000" + column.name(),
                        key -> new long[column.bins().size()])[bins.get(i)[c]]++;
            }
        }
        var rows = new ArrayList<BinCount>();
        counts.forEach((key, values) -> {
            var split = key.split("\u0000", 2);
            for (int bin = 0; bin < values.length; bin++) {
                if (values[bin] > 0) {
                    rows.add(new BinCount(Instant.parse(split[0]), split[1], bin, values[bin]));
                }
            }
        });
        store.addCounts(monitored.id(), rows);
        store.addTallies(monitored.id(), tallies.rows());
        return new Ingested(seen.size(), records.size() - seen.size(), List.copyOf(windows));
    }

    static Policy.Drift drift(Policy policy, String policyName, int policyVersion) {
        if (policy.monitoring() == null || policy.monitoring().drift() == null) {
            throw new Refusal(Refusal.Kind.UNPROCESSABLE, "no-drift-monitoring", "Policy '" + policyName
                    + "' (version " + policyVersion + "), which governs this version, has no monitoring.drift"
                    + " section: it says no window to count predictions in. Publish a policy version with one.");
        }
        return policy.monitoring().drift();
    }

    /** Refuses (413) a batch of more than {@link #MAX_BATCH} records or outcomes. */
    static void refuseTooLarge(int size, String what) {
        if (size > MAX_BATCH) {
            throw new Refusal(Refusal.Kind.TOO_LARGE, "batch-too-large", "A batch holds at most " + MAX_BATCH + " "
                    + what + "; this one has " + size + ". Send it in smaller batches.",
                    List.of(new FieldViolation("records", "maxItems", "at most " + MAX_BATCH + " records")));
        }
    }

    /** A record's time, or null with a violation: not ISO-8601 with an offset, or beyond the clock skew. */
    static Instant time(String text, String field, Instant now, List<FieldViolation> violations) {
        try {
            var time = OffsetDateTime.parse(text).toInstant();
            if (time.isAfter(now.plus(CLOCK_SKEW))) {
                violations.add(new FieldViolation(field, "future", "'" + text + "' is more than "
                        + CLOCK_SKEW.toMinutes() + " minutes ahead of the service's clock (" + now + ")"));
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
