package org.modelops.governance.mlflow.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.modelops.governance.mlflow.MlflowStore;
import org.modelops.governance.mlflow.model.SearchFilter;
import org.modelops.governance.mlflow.model.SearchOrder;
import org.modelops.governance.mlflow.model.TrackedRun;
import org.modelops.governance.registry.model.ModelName;

@Singleton
final class JdbcMlflowStore implements MlflowStore {

    private static final String MODEL_ID = "(SELECT id FROM registered_models WHERE name = ?)";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, String>> STRING_MAP = new com.fasterxml.jackson.core.type.TypeReference<>() {
    };

    /** Governed versions and the MLflow versions waiting for evidence, as one relation for searches. */
    private static final String VERSIONS_AND_WAITING = "(SELECT model_id, version, artifact_uri, tags, state,"
            + " submitted_at, updated_at FROM model_versions UNION ALL SELECT model_id, version, source, tags"
            + " || jsonb_strip_nulls(jsonb_build_object('modelops.mlflow.run_id', run_id)), NULL, created_at,"
            + " updated_at FROM mlflow_pending_versions)";
    private static final String PENDING_COLUMNS = "m.name, p.version, p.source, p.run_id, p.mlflow_model_id,"
            + " p.run_link, p.description, p.tags, p.run, p.run_problem, p.missing, p.request_sha256, p.created_by,"
            + " p.created_at, p.updated_at";

    private final JdbcOperations jdbc;

    JdbcMlflowStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A WHERE clause under construction: SQL text and its parameters in order. */
    private record Where(StringBuilder sql, List<Object> parameters) {

        Where() {
            this(new StringBuilder(" WHERE TRUE"), new ArrayList<>());
        }

        void add(String column, SearchFilter.Clause clause, boolean numeric) {
            switch (clause.comparator()) {
                case "IN", "NOT IN" -> {
                    sql.append(" AND ").append(column).append(clause.comparator().equals("IN") ? " IN (" : " NOT IN (")
                            .append(String.join(", ", clause.values().stream().map(value -> "?").toList()))
                            .append(')');
                    parameters.addAll(clause.values());
                }
                case "!=" -> {
                    sql.append(" AND ").append(column).append(" IS DISTINCT FROM ?");
                    parameters.add(numeric ? (Object) Long.parseLong(clause.value()) : clause.value());
                }
                default -> {
                    // ESCAPE '': a backslash in a LIKE pattern is an ordinary character, as in MLflow's SQLite store
                    sql.append(" AND ").append(column).append(' ').append(clause.comparator()).append(" ?")
                            .append(clause.comparator().endsWith("LIKE") ? " ESCAPE ''" : "");
                    parameters.add(numeric ? (Object) Long.parseLong(clause.value()) : clause.value());
                }
            }
        }

        void bind(PreparedStatement statement, int offset, int limit) throws SQLException {
            int index = 1;
            for (var parameter : parameters) {
                statement.setObject(index++, parameter);
            }
            statement.setInt(index++, limit);
            statement.setInt(index, offset);
        }
    }

    @Override
    public List<String> searchModels(List<SearchFilter.Clause> filter, List<SearchOrder> order, int offset,
            int limit) {
        var where = new Where();
        for (var clause : filter) {
            if (clause.type() == SearchFilter.KeyType.ATTRIBUTE) {
                where.add("m.name", clause, false);
            } else {
                where.add(switch (clause.key()) {
                    case "modelops.owner_team" -> "m.owner_team";
                    case "modelops.risk_tier" -> "m.risk_tier";
                    default -> tag("m", clause, where);
                }, clause, false);
            }
        }
        var sql = "SELECT m.name FROM registered_models m" + where.sql() + " ORDER BY "
                + orderBy(order, key -> switch (key) {
                    case "created" -> "m.created_at";
                    case "updated" -> "m.updated_at";
                    default -> "m.name";
                }, "m.name ASC")
                + " LIMIT ? OFFSET ?";
        return jdbc.prepareStatement(sql, statement -> {
            where.bind(statement, offset, limit);
            var names = new ArrayList<String>();
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }

    @Override
    public List<VersionKey> searchVersions(List<SearchFilter.Clause> filter, List<SearchOrder> order, int offset,
            int limit) {
        var where = new Where();
        for (var clause : filter) {
            if (clause.type() == SearchFilter.KeyType.ATTRIBUTE) {
                switch (clause.key()) {
                    case "version_number" -> where.add("v.version", clause, true);
                    case "source_path" -> where.add("v.artifact_uri", clause, false);
                    case "run_id" -> where.add("COALESCE(v.tags ->> 'modelops.mlflow.run_id', '')", clause, false);
                    default -> where.add("m.name", clause, false);
                }
            } else {
                where.add(clause.key().equals("modelops.state") ? "v.state" : tag("v", clause, where), clause,
                        false);
            }
        }
        var sorted = order.isEmpty()
                ? "v.updated_at DESC, m.name ASC, v.version DESC"
                : orderBy(order, key -> switch (key) {
                    case "created" -> "v.submitted_at";
                    case "updated" -> "v.updated_at";
                    case "version" -> "v.version";
                    default -> "m.name";
                }, "m.name ASC, v.version DESC");
        var sql = "SELECT m.name, v.version FROM " + VERSIONS_AND_WAITING + " v JOIN registered_models m"
                + " ON m.id = v.model_id" + where.sql() + " ORDER BY " + sorted + " LIMIT ? OFFSET ?";
        return jdbc.prepareStatement(sql, statement -> {
            where.bind(statement, offset, limit);
            var keys = new ArrayList<VersionKey>();
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    keys.add(new VersionKey(rs.getString(1), rs.getInt(2)));
                }
            }
            return keys;
        });
    }

    /** The tag's value as SQL, as created or else as set later; its key is a parameter before the clause's. */
    private static String tag(String table, SearchFilter.Clause clause, Where where) {
        where.parameters().add(clause.key());
        where.parameters().add(clause.key());
        var version = table.equals("v") ? "v.version" : "0";
        return "COALESCE(" + table + ".tags ->> ?, (SELECT t.value FROM mlflow_tags t WHERE t.model_id = "
                + (table.equals("v") ? "v.model_id" : "m.id") + " AND t.version = " + version + " AND t.key = ?))";
    }

    private static String orderBy(List<SearchOrder> order, Function<String, String> column, String tieBreaker) {
        var terms = new ArrayList<String>();
        for (var entry : order) {
            terms.add(column.apply(entry.key()) + (entry.descending() ? " DESC" : " ASC"));
        }
        terms.add(tieBreaker);
        return String.join(", ", terms);
    }

    @Override
    public Map<String, Integer> aliases(ModelName model) {
        return jdbc.prepareStatement("SELECT alias, version FROM mlflow_model_aliases WHERE model_id = " + MODEL_ID
                + " ORDER BY alias", statement -> {
                    statement.setString(1, model.value());
                    var aliases = new LinkedHashMap<String, Integer>();
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            aliases.put(rs.getString(1), rs.getInt(2));
                        }
                    }
                    return aliases;
                });
    }

    @Override
    public Optional<Integer> alias(ModelName model, String alias) {
        return jdbc.prepareStatement("SELECT version FROM mlflow_model_aliases WHERE model_id = " + MODEL_ID
                + " AND alias = ?", statement -> {
                    statement.setString(1, model.value());
                    statement.setString(2, alias);
                    try (var rs = statement.executeQuery()) {
                        return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
                    }
                });
    }

    @Override
    public Optional<Integer> setAlias(ModelName model, String alias, int version, String setBy, Instant setAt) {
        var previous = alias(model, alias);
        jdbc.prepareStatement("INSERT INTO mlflow_model_aliases (model_id, alias, version, set_by, set_at)"
                + " VALUES (" + MODEL_ID + ", ?, ?, ?, ?) ON CONFLICT (model_id, alias) DO UPDATE"
                + " SET version = EXCLUDED.version, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at",
                statement -> {
                    statement.setString(1, model.value());
                    statement.setString(2, alias);
                    statement.setInt(3, version);
                    statement.setString(4, setBy);
                    statement.setTimestamp(5, Timestamp.from(setAt));
                    return statement.executeUpdate();
                });
        return previous;
    }

    @Override
    public boolean deleteAlias(ModelName model, String alias) {
        return jdbc.prepareStatement("DELETE FROM mlflow_model_aliases WHERE model_id = " + MODEL_ID
                + " AND alias = ?", statement -> {
                    statement.setString(1, model.value());
                    statement.setString(2, alias);
                    return statement.executeUpdate() == 1;
                });
    }

    @Override
    public Optional<Integer> sameSubmission(ModelName model, String submittedBy, Instant since, String artifactUri,
            String description, Map<String, String> tags) {
        String tagsJson;
        try {
            tagsJson = JSON.writeValueAsString(tags);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return jdbc.prepareStatement("SELECT v.version FROM model_versions v WHERE v.model_id = " + MODEL_ID
                + " AND v.submitted_by = ? AND v.submitted_at >= ? AND v.artifact_uri = ?"
                + " AND v.description IS NOT DISTINCT FROM ? AND v.tags = ?::jsonb ORDER BY v.version DESC LIMIT 1",
                statement -> {
                    statement.setString(1, model.value());
                    statement.setString(2, submittedBy);
                    statement.setTimestamp(3, Timestamp.from(since));
                    statement.setString(4, artifactUri);
                    statement.setString(5, description);
                    statement.setString(6, tagsJson);
                    try (var rs = statement.executeQuery()) {
                        return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
                    }
                });
    }

    @Override
    public Map<String, String> annotations(ModelName model, int version) {
        return jdbc.prepareStatement("SELECT key, value FROM mlflow_tags WHERE model_id = " + MODEL_ID
                + " AND version = ? ORDER BY set_at, key", statement -> {
                    statement.setString(1, model.value());
                    statement.setInt(2, version);
                    var tags = new LinkedHashMap<String, String>();
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            tags.put(rs.getString(1), rs.getString(2));
                        }
                    }
                    return tags;
                });
    }

    @Override
    public void annotate(ModelName model, int version, String key, String value, String setBy, Instant setAt) {
        jdbc.prepareStatement("INSERT INTO mlflow_tags (model_id, version, key, value, set_by, set_at)"
                + " VALUES (" + MODEL_ID + ", ?, ?, ?, ?, ?) ON CONFLICT (model_id, version, key) DO UPDATE"
                + " SET value = EXCLUDED.value, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at",
                statement -> {
                    statement.setString(1, model.value());
                    statement.setInt(2, version);
                    statement.setString(3, key);
                    statement.setString(4, value);
                    statement.setString(5, setBy);
                    statement.setTimestamp(6, Timestamp.from(setAt));
                    return statement.executeUpdate();
                });
        touch(model, version);
    }

    @Override
    public boolean deleteAnnotation(ModelName model, int version, String key) {
        boolean deleted = jdbc.prepareStatement("DELETE FROM mlflow_tags WHERE model_id = " + MODEL_ID
                + " AND version = ? AND key = ?", statement -> {
                    statement.setString(1, model.value());
                    statement.setInt(2, version);
                    statement.setString(3, key);
                    return statement.executeUpdate() == 1;
                });
        if (deleted) {
            touch(model, version);
        }
        return deleted;
    }

    /** A tag set or deleted later changes the model's or version's last update (the trigger of V71 sets it). */
    private void touch(ModelName model, int version) {
        var sql = version == 0
                ? "UPDATE registered_models SET updated_at = now() WHERE name = ?"
                : "UPDATE model_versions SET updated_at = now() WHERE model_id = " + MODEL_ID + " AND version = ?";
        jdbc.prepareStatement(sql, statement -> {
            statement.setString(1, model.value());
            if (version != 0) {
                statement.setInt(2, version);
            }
            return statement.executeUpdate();
        });
    }

    @Override
    public void addPending(Pending pending) {
        jdbc.prepareStatement("INSERT INTO mlflow_pending_versions (model_id, version, source, run_id,"
                + " mlflow_model_id, run_link, description, tags, run, run_problem, missing, request_sha256,"
                + " created_by, created_at, updated_at) VALUES (" + MODEL_ID + ", ?, ?, ?, ?, ?, ?, ?::jsonb,"
                + " ?::jsonb, ?, ?, ?, ?, ?, ?)", statement -> {
                    statement.setString(1, pending.model().value());
                    statement.setInt(2, pending.version());
                    statement.setString(3, pending.source());
                    statement.setString(4, pending.runId());
                    statement.setString(5, pending.modelId());
                    statement.setString(6, pending.runLink());
                    statement.setString(7, pending.description());
                    statement.setString(8, write(pending.tags()));
                    statement.setString(9, pending.run() == null ? null : write(pending.run()));
                    statement.setString(10, pending.runProblem());
                    statement.setString(11, pending.missing());
                    statement.setString(12, pending.requestSha256());
                    statement.setString(13, pending.createdBy());
                    statement.setTimestamp(14, Timestamp.from(pending.createdAt()));
                    statement.setTimestamp(15, Timestamp.from(pending.updatedAt()));
                    return statement.executeUpdate();
                });
    }

    @Override
    public void updatePending(Pending pending) {
        jdbc.prepareStatement("UPDATE mlflow_pending_versions SET tags = ?::jsonb, run = ?::jsonb, run_problem = ?,"
                + " missing = ?, updated_at = ? WHERE model_id = " + MODEL_ID + " AND version = ?", statement -> {
                    statement.setString(1, write(pending.tags()));
                    statement.setString(2, pending.run() == null ? null : write(pending.run()));
                    statement.setString(3, pending.runProblem());
                    statement.setString(4, pending.missing());
                    statement.setTimestamp(5, Timestamp.from(pending.updatedAt()));
                    statement.setString(6, pending.model().value());
                    statement.setInt(7, pending.version());
                    return statement.executeUpdate();
                });
    }

    @Override
    public void deletePending(ModelName model, int version) {
        jdbc.prepareStatement("DELETE FROM mlflow_pending_versions WHERE model_id = " + MODEL_ID
                + " AND version = ?", statement -> {
                    statement.setString(1, model.value());
                    statement.setInt(2, version);
                    return statement.executeUpdate();
                });
    }

    @Override
    public Optional<Pending> pending(ModelName model, int version) {
        return pending(List.of(new VersionKey(model.value(), version))).values().stream().findFirst();
    }

    @Override
    public Map<VersionKey, Pending> pending(List<VersionKey> keys) {
        var found = new LinkedHashMap<VersionKey, Pending>();
        if (keys.isEmpty()) {
            return found;
        }
        return jdbc.prepareStatement("SELECT " + PENDING_COLUMNS + " FROM unnest(?::text[], ?::int[]) AS k(name,"
                + " version) JOIN registered_models m ON m.name = k.name JOIN mlflow_pending_versions p"
                + " ON p.model_id = m.id AND p.version = k.version", statement -> {
                    bindKeys(statement, keys);
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            var pending = pending(rs);
                            found.put(new VersionKey(pending.model().value(), pending.version()), pending);
                        }
                    }
                    return found;
                });
    }

    @Override
    public Optional<Pending> samePending(ModelName model, String createdBy, Instant since, String requestSha256) {
        return jdbc.prepareStatement("SELECT " + PENDING_COLUMNS + " FROM mlflow_pending_versions p"
                + " JOIN registered_models m ON m.id = p.model_id WHERE m.name = ? AND p.created_by = ?"
                + " AND p.created_at >= ? AND p.request_sha256 = ? ORDER BY p.version DESC LIMIT 1", statement -> {
                    statement.setString(1, model.value());
                    statement.setString(2, createdBy);
                    statement.setTimestamp(3, Timestamp.from(since));
                    statement.setString(4, requestSha256);
                    try (var rs = statement.executeQuery()) {
                        return rs.next() ? Optional.of(pending(rs)) : Optional.empty();
                    }
                });
    }

    private static Pending pending(java.sql.ResultSet rs) throws SQLException {
        try {
            var run = rs.getString("run");
            return new Pending(new ModelName(rs.getString("name")), rs.getInt("version"), rs.getString("source"),
                    rs.getString("run_id"), rs.getString("mlflow_model_id"), rs.getString("run_link"),
                    rs.getString("description"), JSON.readValue(rs.getString("tags"), STRING_MAP),
                    run == null ? null : JSON.readValue(run, TrackedRun.class), rs.getString("run_problem"),
                    rs.getString("missing"), rs.getString("request_sha256"), rs.getString("created_by"),
                    rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable waiting version", e);
        }
    }

    @Override
    public Map<VersionKey, Instant> lastUpdated(List<VersionKey> keys) {
        var found = new LinkedHashMap<VersionKey, Instant>();
        if (keys.isEmpty()) {
            return found;
        }
        return jdbc.prepareStatement("SELECT k.name, k.version, v.updated_at FROM unnest(?::text[], ?::int[])"
                + " AS k(name, version) JOIN registered_models m ON m.name = k.name JOIN " + VERSIONS_AND_WAITING
                + " v ON v.model_id = m.id AND v.version = k.version", statement -> {
                    bindKeys(statement, keys);
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            found.put(new VersionKey(rs.getString(1), rs.getInt(2)), rs.getTimestamp(3).toInstant());
                        }
                    }
                    return found;
                });
    }

    @Override
    public Instant modelUpdated(ModelName model) {
        return jdbc.prepareStatement("SELECT updated_at FROM registered_models WHERE name = ?", statement -> {
            statement.setString(1, model.value());
            try (var rs = statement.executeQuery()) {
                return rs.next() ? rs.getTimestamp(1).toInstant() : null;
            }
        });
    }

    @Override
    public Map<VersionKey, Map<String, String>> annotations(List<VersionKey> keys) {
        var found = new LinkedHashMap<VersionKey, Map<String, String>>();
        if (keys.isEmpty()) {
            return found;
        }
        return jdbc.prepareStatement("SELECT k.name, k.version, t.key, t.value FROM unnest(?::text[], ?::int[])"
                + " AS k(name, version) JOIN registered_models m ON m.name = k.name JOIN mlflow_tags t"
                + " ON t.model_id = m.id AND t.version = k.version ORDER BY k.name, k.version, t.set_at, t.key",
                statement -> {
                    bindKeys(statement, keys);
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            found.computeIfAbsent(new VersionKey(rs.getString(1), rs.getInt(2)),
                                    ignored -> new LinkedHashMap<>()).put(rs.getString(3), rs.getString(4));
                        }
                    }
                    return found;
                });
    }

    private static void bindKeys(PreparedStatement statement, List<VersionKey> keys) throws SQLException {
        var connection = statement.getConnection();
        statement.setArray(1, connection.createArrayOf("text", keys.stream().map(VersionKey::model).toArray()));
        statement.setArray(2, connection.createArrayOf("integer", keys.stream().map(VersionKey::version)
                .toArray()));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
