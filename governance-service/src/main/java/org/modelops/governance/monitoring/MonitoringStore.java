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

    /** A counted record: its id, the window it falls in and the arm that served it. */
    record CountedRecord(String id, Instant windowStart, String arm) {
        /** What makes a record unique: its id within its window (a retry carries the same time). */
        public String key() {
            return windowStart.getEpochSecond() + "/" + id;
        }
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

    /** The earliest window with counts, if any. */
    Optional<Instant> firstWindow(long versionId);

    /** Every version with a baseline, as (model, version). */
    List<Map.Entry<String, Integer>> baselinedVersions();

    Optional<MonitoringVerdict> lastVerdict(long versionId, String signal);

    void saveVerdict(long versionId, String signal, MonitoringVerdict verdict, Instant windowStart, Instant at);
}
