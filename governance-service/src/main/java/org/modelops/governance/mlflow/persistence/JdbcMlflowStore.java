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
import org.modelops.governance.registry.model.ModelName;

@Singleton
final class JdbcMlflowStore implements MlflowStore {

    private static final String MODEL_ID = "(SELECT id FROM registered_models WHERE name = ?)";

    private static final ObjectMapper JSON = new ObjectMapper();

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
                + orderBy(order, key -> key.equals("created") ? "m.created_at" : "m.name", "m.name ASC")
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
                ? "v.submitted_at DESC, m.name ASC, v.version DESC"
                : orderBy(order, key -> switch (key) {
                    case "created" -> "v.submitted_at";
                    case "version" -> "v.version";
                    default -> "m.name";
                }, "m.name ASC, v.version DESC");
        var sql = "SELECT m.name, v.version FROM model_versions v JOIN registered_models m ON m.id = v.model_id"
                + where.sql() + " ORDER BY " + sorted + " LIMIT ? OFFSET ?";
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
    }

    @Override
    public boolean deleteAnnotation(ModelName model, int version, String key) {
        return jdbc.prepareStatement("DELETE FROM mlflow_tags WHERE model_id = " + MODEL_ID
                + " AND version = ? AND key = ?", statement -> {
                    statement.setString(1, model.value());
                    statement.setInt(2, version);
                    statement.setString(3, key);
                    return statement.executeUpdate() == 1;
                });
    }
}
