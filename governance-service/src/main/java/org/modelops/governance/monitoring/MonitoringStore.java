package org.modelops.governance.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.modelops.governance.monitoring.model.BaselineProfile;
import org.modelops.governance.monitoring.model.MonitoringVerdict;

/** Where baselines, counted record ids and window counts are kept; every method joins the caller's transaction. */
public interface MonitoringStore {

    /** A stored baseline and what identifies it. */
    record StoredBaseline(BaselineProfile profile, String profileSha256, String sampleSha256, String format,
            Instant createdAt, String createdBy) {
    }

    /**
     * A counted record: its id, the window it falls in and the arm that served it; when the policy watches
     * performance, also when it was made, its score or predicted value and its slices, for its outcome to join.
     */
    record CountedRecord(String id, Instant windowStart, String arm, Instant predictedAt, Double score,
            Double predicted, List<String> slices) {
        public CountedRecord(String id, Instant windowStart, String arm) {
            this(id, windowStart, arm, null, null, null, null);
        }

        /** What makes a record unique: its id within its window (a retry carries the same time). */
        public String key() {
            return windowStart.getEpochSecond() + "/" + id;
        }
    }

    /** One tally cell to add: signal, window, tally, bin, count and sum. */
    record Tally(String signal, Instant windowStart, String tally, int bin, long count, double total) {
    }

    /** A stored prediction as an outcome joins it. */
    record JoinedPrediction(String id, Instant predictedAt, Double score, Double predicted, List<String> slices) {
    }

    /** An outcome as its batch sent it: the prediction's id, the value and when it was seen (null when invalid). */
    record OutcomeToJoin(String predictionId, Double outcome, Instant observedAt) {
    }

    /**
     * What one outcome of a batch found: how many stored predictions carry its id (0, 1, or 2 for two or more), the
     * first of them (null when none), the outcome recorded for the id before the batch (null when none) and whether
     * this batch stored it.
     */
    record JoinedOutcome(int matches, JoinedPrediction prediction, Double recorded, boolean stored) {
    }

    /** One count to add: window, column, bin. */
    record BinCount(Instant windowStart, String column, int bin, long count) {
    }

    /** The database id of a model's version; empty when there is none. */
    Optional<Long> versionId(String model, int version);

    Optional<StoredBaseline> baseline(long versionId);

    void saveBaseline(long versionId, StoredBaseline baseline, String profileJson, long rows);

    /**
     * Stores the records not stored yet and returns their {@link CountedRecord#key keys}; records already counted
     * (also concurrently) are left out.
     */
    Set<String> newRecords(long versionId, List<CountedRecord> records, Instant receivedAt);

    /** Adds the counts to the window counts, creating the rows that do not exist yet. */
    void addCounts(long versionId, List<BinCount> counts);

    /** Counts per window start, then column, then bin, for the windows in [from, to). */
    Map<Instant, Map<String, long[]>> counts(long versionId, Instant from, Instant to,
            Map<String, Integer> binsPerColumn);

    /** Adds the tallies, creating the cells that do not exist yet (in key order: no deadlocks). */
    void addTallies(long versionId, List<Tally> tallies);

    /** A signal's tallies per window start, for the windows in [from, to). */
    Map<Instant, org.modelops.governance.monitoring.model.WindowTallies> tallies(long versionId, String signal,
            Instant from, Instant to);

    /** The earliest window of a signal with tallies, if any. */
    Optional<Instant> firstTallyWindow(long versionId, String signal);

    /**
     * Joins a batch of outcomes to their predictions by id and stores, in the performance window (of this length)
     * of its prediction, each outcome with a value and a time that joins exactly one prediction (made at a known time)
     * and has none recorded: once per id (the first in the batch), none when stored before or concurrently. One answer per outcome, in batch order. The
     * caller refuses (rolls back) a batch in which any outcome is not acceptable.
     */
    List<JoinedOutcome> joinOutcomes(long versionId, List<OutcomeToJoin> outcomes, java.time.Duration window,
            Instant receivedAt);

    /** The outcomes stored (and committed) for these prediction ids. */
    Map<String, Double> outcomes(long versionId, java.util.Collection<String> ids);

    /** The earliest window with counts, if any. */
    Optional<Instant> firstWindow(long versionId);

    /** Every version with a baseline, as (model, version). */
    List<Map.Entry<String, Integer>> baselinedVersions();

    Optional<MonitoringVerdict> lastVerdict(long versionId, String signal);

    void saveVerdict(long versionId, String signal, MonitoringVerdict verdict, Instant windowStart, Instant at);
}
