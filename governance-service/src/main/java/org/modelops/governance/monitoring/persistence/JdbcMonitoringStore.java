package org.modelops.governance.monitoring.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
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
        var joinable = records.stream().anyMatch(record -> record.predictedAt() != null);
        if (joinable) {
            return newJoinableRecords(versionId, records, receivedAt);
        }
        return jdbc.prepareStatement("INSERT INTO monitoring_records (version_id, record_id, window_start, arm,"
                + " received_at) SELECT ?, r.id, r.window_start, r.arm, ?"
                + " FROM unnest(?::varchar[], ?::timestamptz[], ?::varchar[]) AS r (id, window_start, arm)"
                + " ORDER BY r.window_start, r.id ON CONFLICT (version_id, window_start, record_id) DO NOTHING"
                + " RETURNING record_id, window_start", statement -> {
                    var connection = statement.getConnection();
                    statement.setLong(1, versionId);
                    statement.setTimestamp(2, Timestamp.from(receivedAt));
                    statement.setArray(3, connection.createArrayOf("varchar",
                            records.stream().map(CountedRecord::id).toArray()));
                    statement.setArray(4, connection.createArrayOf("timestamptz",
                            records.stream().map(r -> Timestamp.from(r.windowStart())).toArray()));
                    statement.setArray(5, connection.createArrayOf("varchar",
                            records.stream().map(CountedRecord::arm).toArray()));
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

    private Set<String> newJoinableRecords(long versionId, List<CountedRecord> records, Instant receivedAt) {
        return jdbc.prepareStatement("INSERT INTO monitoring_records (version_id, record_id, window_start, arm,"
                + " received_at, predicted_at, score, predicted, slices)"
                + " SELECT ?, r.id, r.window_start, r.arm, ?, r.predicted_at, r.score, r.predicted,"
                + " CASE WHEN r.slices = '' THEN NULL ELSE string_to_array(r.slices, chr(31)) END"
                + " FROM unnest(?::varchar[], ?::timestamptz[], ?::varchar[], ?::timestamptz[], ?::float8[],"
                + " ?::float8[], ?::text[]) AS r (id, window_start, arm, predicted_at, score, predicted, slices)"
                + " ORDER BY r.window_start, r.id ON CONFLICT (version_id, window_start, record_id) DO NOTHING"
                + " RETURNING record_id, window_start", statement -> {
                    var connection = statement.getConnection();
                    int i = 0;
                    statement.setLong(++i, versionId);
                    statement.setTimestamp(++i, Timestamp.from(receivedAt));
                    statement.setArray(++i, connection.createArrayOf("varchar",
                            records.stream().map(CountedRecord::id).toArray()));
                    statement.setArray(++i, connection.createArrayOf("timestamptz",
                            records.stream().map(r -> Timestamp.from(r.windowStart())).toArray()));
                    statement.setArray(++i, connection.createArrayOf("varchar",
                            records.stream().map(CountedRecord::arm).toArray()));
                    statement.setArray(++i, connection.createArrayOf("timestamptz", records.stream()
                            .map(r -> r.predictedAt() == null ? null : Timestamp.from(r.predictedAt())).toArray()));
                    statement.setArray(++i, connection.createArrayOf("float8",
                            records.stream().map(CountedRecord::score).toArray()));
                    statement.setArray(++i, connection.createArrayOf("float8",
                            records.stream().map(CountedRecord::predicted).toArray()));
                    statement.setArray(++i, connection.createArrayOf("text", records.stream()
                            .map(r -> r.slices() == null ? "" : String.join("\u001f", r.slices())).toArray()));
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
        jdbc.prepareStatement("INSERT INTO monitoring_window_tallies (version_id, signal, window_start, tally, bin,"
                + " count, total) SELECT ?, t.signal, t.window_start, t.tally, t.bin, t.count, t.total"
                + " FROM unnest(?::varchar[], ?::timestamptz[], ?::varchar[], ?::int[], ?::bigint[], ?::float8[])"
                + " AS t (signal, window_start, tally, bin, count, total)"
                + " ORDER BY t.signal, t.window_start, t.tally, t.bin"
                + " ON CONFLICT (version_id, signal, window_start, tally, bin) DO UPDATE SET"
                + " count = monitoring_window_tallies.count + EXCLUDED.count,"
                + " total = monitoring_window_tallies.total + EXCLUDED.total", statement -> {
                    var connection = statement.getConnection();
                    int i = 0;
                    statement.setLong(++i, versionId);
                    statement.setArray(++i, connection.createArrayOf("varchar",
                            tallies.stream().map(Tally::signal).toArray()));
                    statement.setArray(++i, connection.createArrayOf("timestamptz",
                            tallies.stream().map(t -> Timestamp.from(t.windowStart())).toArray()));
                    statement.setArray(++i, connection.createArrayOf("varchar",
                            tallies.stream().map(Tally::tally).toArray()));
                    statement.setArray(++i, connection.createArrayOf("int4",
                            tallies.stream().map(Tally::bin).toArray()));
                    statement.setArray(++i, connection.createArrayOf("int8",
                            tallies.stream().map(Tally::count).toArray()));
                    statement.setArray(++i, connection.createArrayOf("float8",
                            tallies.stream().map(Tally::total).toArray()));
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

    @Override
    public List<JoinedPrediction> predictions(long versionId, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.prepareStatement("SELECT record_id, predicted_at, score, predicted, slices FROM monitoring_records"
                + " WHERE version_id = ? AND record_id = ANY (?)", statement -> {
                    statement.setLong(1, versionId);
                    statement.setArray(2, statement.getConnection().createArrayOf("varchar", ids.toArray()));
                    var out = new ArrayList<JoinedPrediction>();
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            var at = rs.getTimestamp(2);
                            var slices = rs.getArray(5);
                            out.add(new JoinedPrediction(rs.getString(1), at == null ? null : at.toInstant(),
                                    (Double) rs.getObject(3), (Double) rs.getObject(4), slices == null
                                            ? List.of()
                                            : List.of((String[]) slices.getArray())));
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
        return jdbc.prepareStatement("SELECT prediction_id, outcome FROM monitoring_outcomes WHERE version_id = ?"
                + " AND prediction_id = ANY (?)", statement -> {
                    statement.setLong(1, versionId);
                    statement.setArray(2, statement.getConnection().createArrayOf("varchar", ids.toArray()));
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
    public Set<String> newOutcomes(long versionId, List<StoredOutcome> outcomes, Instant receivedAt) {
        if (outcomes.isEmpty()) {
            return Set.of();
        }
        return jdbc.prepareStatement("INSERT INTO monitoring_outcomes (version_id, prediction_id, window_start,"
                + " outcome, observed_at, received_at) SELECT ?, o.id, o.window_start, o.outcome, o.observed_at, ?"
                + " FROM unnest(?::varchar[], ?::timestamptz[], ?::float8[], ?::timestamptz[])"
                + " AS o (id, window_start, outcome, observed_at) ORDER BY o.id"
                + " ON CONFLICT (version_id, prediction_id) DO NOTHING RETURNING prediction_id", statement -> {
                    var connection = statement.getConnection();
                    int i = 0;
                    statement.setLong(++i, versionId);
                    statement.setTimestamp(++i, Timestamp.from(receivedAt));
                    statement.setArray(++i, connection.createArrayOf("varchar",
                            outcomes.stream().map(StoredOutcome::predictionId).toArray()));
                    statement.setArray(++i, connection.createArrayOf("timestamptz",
                            outcomes.stream().map(o -> Timestamp.from(o.windowStart())).toArray()));
                    statement.setArray(++i, connection.createArrayOf("float8",
                            outcomes.stream().map(StoredOutcome::outcome).toArray()));
                    statement.setArray(++i, connection.createArrayOf("timestamptz",
                            outcomes.stream().map(o -> Timestamp.from(o.observedAt())).toArray()));
                    var created = new HashSet<String>();
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            created.add(rs.getString(1));
                        }
                    }
                    return created;
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
                    var connection = statement.getConnection();
                    statement.setLong(1, versionId);
                    statement.setArray(2, connection.createArrayOf("timestamptz",
                            counts.stream().map(c -> Timestamp.from(c.windowStart())).toArray()));
                    statement.setArray(3, connection.createArrayOf("varchar",
                            counts.stream().map(BinCount::column).toArray()));
                    statement.setArray(4, connection.createArrayOf("smallint",
                            counts.stream().map(c -> (short) c.bin()).toArray()));
                    statement.setArray(5, connection.createArrayOf("bigint",
                            counts.stream().map(BinCount::count).toArray()));
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

}
