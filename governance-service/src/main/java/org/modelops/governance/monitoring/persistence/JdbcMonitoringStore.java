package org.modelops.governance.monitoring.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.modelops.governance.monitoring.MonitoringStore;
import org.modelops.governance.monitoring.ProfileJson;
import org.modelops.governance.monitoring.model.MonitoringVerdict;
import org.modelops.governance.monitoring.model.WindowTallies;

@Singleton
final class JdbcMonitoringStore implements MonitoringStore {

    private final JdbcOperations jdbc;

    JdbcMonitoringStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Long> versionId(String model, int version) {
        return jdbc.prepareStatement("SELECT v.id FROM model_versions v JOIN registered_models m ON m.id = v.model_id"
                + " WHERE m.name = ? AND v.version = ?", statement -> {
                    statement.setString(1, model);
                    statement.setInt(2, version);
                    try (var rs = statement.executeQuery()) {
                        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                    }
                });
    }

    @Override
    public Optional<StoredBaseline> baseline(long versionId) {
        return jdbc.prepareStatement("SELECT profile::text, profile_sha256, sample_sha256, sample_format, created_at,"
                + " created_by FROM monitoring_baselines WHERE version_id = ?", statement -> {
                    statement.setLong(1, versionId);
                    try (var rs = statement.executeQuery()) {
                        return rs.next()
                                ? Optional.of(new StoredBaseline(ProfileJson.read(rs.getString(1)), rs.getString(2),
                                        rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                                        rs.getString(6)))
                                : Optional.empty();
                    }
                });
    }

    @Override
    public void saveBaseline(long versionId, StoredBaseline baseline, String profileJson, long rows) {
        jdbc.prepareStatement("INSERT INTO monitoring_baselines (version_id, sample_rows, sample_format,"
                + " sample_sha256, profile, profile_sha256, created_at, created_by)"
                + " VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?)", statement -> {
                    int i = 0;
                    statement.setLong(++i, versionId);
                    statement.setLong(++i, rows);
                    statement.setString(++i, baseline.format());
                    statement.setString(++i, baseline.sampleSha256());
                    statement.setString(++i, profileJson);
                    statement.setString(++i, baseline.profileSha256());
                    statement.setTimestamp(++i, Timestamp.from(baseline.createdAt()));
                    statement.setString(++i, baseline.createdBy());
                    return statement.executeUpdate();
                });
    }

    @Override
    public Set<String> newRecords(long versionId, List<CountedRecord> records, Instant receivedAt) {
        if (records.isEmpty()) {
            return Set.of();
        }
        // What an outcome joins (predicted_at, score, predicted, slices) is null when performance is not watched.
        return jdbc.prepareStatement("INSERT INTO monitoring_records (version_id, record_id, window_start, arm,"
                + " received_at, predicted_at, score, predicted, slices)"
                + " SELECT ?, r.id, r.window_start, r.arm, ?, r.predicted_at, r.score, r.predicted,"
                + " CASE WHEN r.slices = '' THEN NULL ELSE string_to_array(r.slices, chr(31)) END"
                + " FROM unnest(?::varchar[], ?::timestamptz[], ?::varchar[], ?::timestamptz[], ?::float8[],"
                + " ?::float8[], ?::text[]) AS r (id, window_start, arm, predicted_at, score, predicted, slices)"
                + " ORDER BY r.window_start, r.id ON CONFLICT (version_id, window_start, record_id) DO NOTHING"
                + " RETURNING record_id, window_start", statement -> {
                    int i = 0;
                    statement.setLong(++i, versionId);
                    statement.setTimestamp(++i, Timestamp.from(receivedAt));
                    array(statement, ++i, "varchar", records, CountedRecord::id);
                    array(statement, ++i, "timestamptz", records, r -> Timestamp.from(r.windowStart()));
                    array(statement, ++i, "varchar", records, CountedRecord::arm);
                    array(statement, ++i, "timestamptz", records, r -> timestamp(r.predictedAt()));
                    array(statement, ++i, "float8", records, CountedRecord::score);
                    array(statement, ++i, "float8", records, CountedRecord::predicted);
                    array(statement, ++i, "text", records,
                            r -> r.slices() == null ? "" : String.join("\u001f", r.slices()));
                    var created = new HashSet<String>();
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            created.add(new CountedRecord(rs.getString(1), rs.getTimestamp(2).toInstant(), null)
                                    .key());
                        }
                    }
                    return created;
                });
    }

    @Override
    public void addTallies(long versionId, List<Tally> tallies) {
        if (tallies.isEmpty()) {
            return;
        }
        // Cells are upserted in key order, so that concurrent batches lock shared rows in one order and never deadlock.
        jdbc.prepareStatement("INSERT INTO monitoring_window_tallies (version_id, signal, window_start, tally, bin,"
                + " count, total) SELECT ?, t.signal, t.window_start, t.tally, t.bin, t.count, t.total"
                + " FROM unnest(?::varchar[], ?::timestamptz[], ?::varchar[], ?::int[], ?::bigint[], ?::float8[])"
                + " AS t (signal, window_start, tally, bin, count, total)"
                + " ORDER BY t.signal, t.window_start, t.tally, t.bin"
                + " ON CONFLICT (version_id, signal, window_start, tally, bin) DO UPDATE SET"
                + " count = monitoring_window_tallies.count + EXCLUDED.count,"
                + " total = monitoring_window_tallies.total + EXCLUDED.total", statement -> {
                    int i = 0;
                    statement.setLong(++i, versionId);
                    array(statement, ++i, "varchar", tallies, Tally::signal);
                    array(statement, ++i, "timestamptz", tallies, t -> Timestamp.from(t.windowStart()));
                    array(statement, ++i, "varchar", tallies, Tally::tally);
                    array(statement, ++i, "int4", tallies, Tally::bin);
                    array(statement, ++i, "int8", tallies, Tally::count);
                    array(statement, ++i, "float8", tallies, Tally::total);
                    return statement.executeUpdate();
                });
    }

    @Override
    public Map<Instant, WindowTallies> tallies(long versionId, String signal, Instant from, Instant to) {
        return jdbc.prepareStatement("SELECT window_start, tally, bin, count, total FROM monitoring_window_tallies"
                + " WHERE version_id = ? AND signal = ? AND window_start >= ? AND window_start < ?", statement -> {
                    statement.setLong(1, versionId);
                    statement.setString(2, signal);
                    statement.setTimestamp(3, Timestamp.from(from));
                    statement.setTimestamp(4, Timestamp.from(to));
                    var out = new TreeMap<Instant, WindowTallies>();
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            out.computeIfAbsent(rs.getTimestamp(1).toInstant(), start -> new WindowTallies())
                                    .add(rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getDouble(5));
                        }
                    }
                    return out;
                });
    }

    @Override
    public Optional<Instant> firstTallyWindow(long versionId, String signal) {
        return jdbc.prepareStatement("SELECT min(window_start) FROM monitoring_window_tallies WHERE version_id = ?"
                + " AND signal = ?", statement -> {
                    statement.setLong(1, versionId);
                    statement.setString(2, signal);
                    try (var rs = statement.executeQuery()) {
                        rs.next();
                        return Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant);
                    }
                });
    }

    /*
     * One statement per outcome batch: each outcome looks its prediction up by (version, id) — a LATERAL probe of the
     * (version_id, record_id) index of every partition, so that the plan stays an index probe per id even while a
     * partition's statistics still say it is empty — and its recorded outcome by the primary key; the outcomes that
     * join exactly one prediction and have none recorded are inserted, the first of an id in batch order, in id order
     * (concurrent batches take the key locks in one order), ON CONFLICT DO NOTHING for one stored concurrently. The
     * CTEs read one snapshot: `recorded` is what was stored before this statement.
     */
    private static final String JOIN_OUTCOMES = "WITH batch AS ("
            + " SELECT b.n::int AS n, b.id, b.outcome, b.observed_at"
            + " FROM unnest(?::varchar[], ?::float8[], ?::timestamptz[]) WITH ORDINALITY AS b (id, outcome, observed_at, n)),"
            + " joined AS ("
            + " SELECT b.n, b.id, b.outcome, b.observed_at, count(r.record_id) OVER (PARTITION BY b.n) AS matches,"
            + " r.predicted_at, r.score, r.predicted, r.slices, o.outcome AS recorded"
            + " FROM batch b"
            + " LEFT JOIN LATERAL (SELECT r.record_id, r.predicted_at, r.score, r.predicted, r.slices"
            + " FROM monitoring_records r WHERE r.version_id = ? AND r.record_id = b.id LIMIT 2) r ON true"
            + " LEFT JOIN LATERAL (SELECT o.outcome FROM monitoring_outcomes o"
            + " WHERE o.version_id = ? AND o.prediction_id = b.id LIMIT 1) o ON true),"
            + " stored AS ("
            + " INSERT INTO monitoring_outcomes (version_id, prediction_id, window_start, outcome, observed_at,"
            + " received_at)"
            + " SELECT DISTINCT ON (j.id) ?, j.id, to_timestamp(floor(extract(epoch FROM j.predicted_at) / ?) * ?),"
            + " j.outcome, j.observed_at, ?"
            + " FROM joined j WHERE j.matches = 1 AND j.recorded IS NULL AND j.outcome IS NOT NULL"
            + " AND j.observed_at IS NOT NULL AND j.predicted_at IS NOT NULL"
            + " ORDER BY j.id, j.n"
            + " ON CONFLICT (version_id, prediction_id) DO NOTHING RETURNING prediction_id)"
            + " SELECT j.n, j.matches, j.id, j.predicted_at, j.score, j.predicted, j.slices, j.recorded,"
            + " s.prediction_id IS NOT NULL"
            + " FROM joined j LEFT JOIN stored s ON s.prediction_id = j.id ORDER BY j.n";

    @Override
    public List<JoinedOutcome> joinOutcomes(long versionId, List<OutcomeToJoin> outcomes, Duration window,
            Instant receivedAt) {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        // A month's partition of record ids fills from empty faster than autovacuum analyses it: with statistics
        // that still say "empty", the planner answered each id's probe with a sequential scan of the partition (500
        // scans of 150 000 rows: 10-15 s per batch, statement timeouts at 8 clients), and a cached generic plan read
        // all of the version's outcomes into a hash join. The probes are by key: each lateral has a LIMIT (so it
        // stays a per-id nested loop) and, for this statement only, no sequential scans whatever the statistics say.
        jdbc.prepareStatement("SET LOCAL enable_seqscan = off", statement -> statement.execute());
        var joined = joinOutcomesByKey(versionId, outcomes, window, receivedAt);
        jdbc.prepareStatement("SET LOCAL enable_seqscan = on", statement -> statement.execute());
        return joined;
    }

    private List<JoinedOutcome> joinOutcomesByKey(long versionId, List<OutcomeToJoin> outcomes, Duration window,
            Instant receivedAt) {
        return jdbc.prepareStatement(JOIN_OUTCOMES, statement -> {
            int i = 0;
            array(statement, ++i, "varchar", outcomes, OutcomeToJoin::predictionId);
            array(statement, ++i, "float8", outcomes, OutcomeToJoin::outcome);
            array(statement, ++i, "timestamptz", outcomes, o -> timestamp(o.observedAt()));
            statement.setLong(++i, versionId);
            statement.setLong(++i, versionId);
            statement.setLong(++i, versionId);
            statement.setLong(++i, window.toSeconds());
            statement.setLong(++i, window.toSeconds());
            statement.setTimestamp(++i, Timestamp.from(receivedAt));
            var out = new ArrayList<JoinedOutcome>(outcomes.size());
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    int n = rs.getInt(1);
                    if (n <= out.size()) {
                        continue; // the second prediction of an ambiguous id: `matches` already says 2
                    }
                    int matches = rs.getInt(2);
                    var at = rs.getTimestamp(4);
                    var slices = rs.getArray(7);
                    var prediction = matches == 0
                            ? null
                            : new JoinedPrediction(rs.getString(3), at == null ? null : at.toInstant(),
                                    (Double) rs.getObject(5), (Double) rs.getObject(6), slices == null
                                            ? List.of()
                                            : List.of((String[]) slices.getArray()));
                    out.add(new JoinedOutcome(matches, prediction, (Double) rs.getObject(8), rs.getBoolean(9)));
                }
            }
            return out;
        });
    }

    @Override
    public Map<String, Double> outcomes(long versionId, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        // A probe of the primary key per id (not `= ANY`, which a stale plan answers by reading the version's outcomes).
        return jdbc.prepareStatement("SELECT b.id, o.outcome FROM unnest(?::varchar[]) AS b (id)"
                + " JOIN LATERAL (SELECT o.outcome FROM monitoring_outcomes o WHERE o.version_id = ?"
                + " AND o.prediction_id = b.id) o ON true", statement -> {
                    statement.setArray(1, statement.getConnection().createArrayOf("varchar", ids.toArray()));
                    statement.setLong(2, versionId);
                    var out = new HashMap<String, Double>();
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1), rs.getDouble(2));
                        }
                    }
                    return out;
                });
    }

    @Override
    public void addCounts(long versionId, List<BinCount> counts) {
        if (counts.isEmpty()) {
            return;
        }
        // Rows are upserted in key order, so that concurrent batches lock shared rows in one order and never deadlock.
        jdbc.prepareStatement("INSERT INTO monitoring_window_counts (version_id, window_start, column_name, bin, count)"
                + " SELECT ?, c.window_start, c.column_name, c.bin, c.count"
                + " FROM unnest(?::timestamptz[], ?::varchar[], ?::smallint[], ?::bigint[])"
                + " AS c (window_start, column_name, bin, count) ORDER BY c.window_start, c.column_name, c.bin"
                + " ON CONFLICT (version_id, window_start, column_name, bin)"
                + " DO UPDATE SET count = monitoring_window_counts.count + EXCLUDED.count", statement -> {
                    int i = 0;
                    statement.setLong(++i, versionId);
                    array(statement, ++i, "timestamptz", counts, c -> Timestamp.from(c.windowStart()));
                    array(statement, ++i, "varchar", counts, BinCount::column);
                    array(statement, ++i, "smallint", counts, c -> (short) c.bin());
                    array(statement, ++i, "bigint", counts, BinCount::count);
                    return statement.executeUpdate();
                });
    }

    @Override
    public Map<Instant, Map<String, long[]>> counts(long versionId, Instant from, Instant to,
            Map<String, Integer> binsPerColumn) {
        return jdbc.prepareStatement("SELECT window_start, column_name, bin, count FROM monitoring_window_counts"
                + " WHERE version_id = ? AND window_start >= ? AND window_start < ?", statement -> {
                    statement.setLong(1, versionId);
                    statement.setTimestamp(2, Timestamp.from(from));
                    statement.setTimestamp(3, Timestamp.from(to));
                    var out = new TreeMap<Instant, Map<String, long[]>>();
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            var column = rs.getString(2);
                            var size = binsPerColumn.get(column);
                            int bin = rs.getInt(3);
                            if (size == null || bin >= size) {
                                continue;
                            }
                            out.computeIfAbsent(rs.getTimestamp(1).toInstant(), start -> new TreeMap<>())
                                    .computeIfAbsent(column, name -> new long[size])[bin] += rs.getLong(4);
                        }
                    }
                    return out;
                });
    }

    @Override
    public Optional<Instant> firstWindow(long versionId) {
        return jdbc.prepareStatement("SELECT min(window_start) FROM monitoring_window_counts WHERE version_id = ?",
                statement -> {
                    statement.setLong(1, versionId);
                    try (var rs = statement.executeQuery()) {
                        rs.next();
                        var first = rs.getTimestamp(1);
                        return Optional.ofNullable(first).map(Timestamp::toInstant);
                    }
                });
    }

    @Override
    public List<Map.Entry<String, Integer>> baselinedVersions() {
        return jdbc.prepareStatement("SELECT m.name, v.version FROM monitoring_baselines b"
                + " JOIN model_versions v ON v.id = b.version_id JOIN registered_models m ON m.id = v.model_id"
                + " ORDER BY m.name, v.version", statement -> {
                    var out = new java.util.ArrayList<Map.Entry<String, Integer>>();
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            out.add(Map.entry(rs.getString(1), rs.getInt(2)));
                        }
                    }
                    return out;
                });
    }

    @Override
    public Optional<MonitoringVerdict> lastVerdict(long versionId, String signal) {
        return jdbc.prepareStatement("SELECT verdict FROM monitoring_verdicts WHERE version_id = ? AND signal = ?",
                statement -> {
                    statement.setLong(1, versionId);
                    statement.setString(2, signal);
                    try (var rs = statement.executeQuery()) {
                        return rs.next() ? Optional.of(MonitoringVerdict.valueOf(rs.getString(1))) : Optional.empty();
                    }
                });
    }

    @Override
    public void saveVerdict(long versionId, String signal, MonitoringVerdict verdict, Instant windowStart,
            Instant at) {
        jdbc.prepareStatement("INSERT INTO monitoring_verdicts (version_id, signal, verdict, window_start, changed_at)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (version_id, signal) DO UPDATE SET verdict = EXCLUDED.verdict,"
                + " window_start = EXCLUDED.window_start, changed_at = EXCLUDED.changed_at", statement -> {
                    statement.setLong(1, versionId);
                    statement.setString(2, signal);
                    statement.setString(3, verdict.name());
                    statement.setTimestamp(4, windowStart == null ? null : Timestamp.from(windowStart));
                    statement.setTimestamp(5, Timestamp.from(at));
                    return statement.executeUpdate();
                });
    }

    /** Binds one column of the rows as an SQL array of the type: the batch statements above unnest them. */
    private static <T> void array(PreparedStatement statement, int index, String type, List<T> rows,
            Function<T, Object> column) throws SQLException {
        var values = new Object[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(rows.get(i));
        }
        statement.setArray(index, statement.getConnection().createArrayOf(type, values));
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
