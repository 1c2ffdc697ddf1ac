package org.modelops.governance.registry.persistence;

import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.modelops.governance.registry.ModelCatalog;
import org.modelops.governance.registry.model.CodeReference;
import org.modelops.governance.registry.model.DataReference;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.registry.model.ModelName;
import org.modelops.governance.registry.model.ModelSearch;
import org.modelops.governance.registry.model.ModelVersion;
import org.modelops.governance.registry.model.RegisteredModel;
import org.modelops.governance.registry.model.RiskTier;
import org.modelops.governance.registry.model.Sha256;
import org.modelops.governance.registry.model.VersionEvidence;
import org.modelops.governance.registry.model.VersionGovernance;
import org.modelops.governance.policy.model.PolicyVerdict;
import org.modelops.governance.policy.model.VerdictDocuments;
import org.modelops.governance.shared.Page;
import org.modelops.governance.shared.PageRequest;

@Singleton
final class JdbcModelCatalog implements ModelCatalog {

    private static final Argument<Map<String, String>> STRINGS = Argument.mapOf(String.class, String.class);
    private static final Argument<Map<String, Object>> OBJECTS = Argument.mapOf(String.class, Object.class);
    private static final Argument<Map<String, Double>> NUMBERS = Argument.mapOf(String.class, Double.class);
    private static final Argument<Map<String, Map<String, Double>>> SLICES = Argument.mapOf(Argument.STRING,
            NUMBERS);
    private static final String MODEL_COLUMNS = "m.name, m.description, m.owner_team, m.risk_tier, m.tags,"
            + " m.created_at, m.created_by,"
            + " (SELECT c.latest_version FROM model_version_counters c WHERE c.model_id = m.id) AS latest_version";
    private static final String VERSION_COLUMNS = "m.name AS model_name, v.version, v.state, v.artifact_uri,"
            + " v.artifact_sha256, v.framework, v.description, v.intended_use, v.training_data, v.evaluation_data,"
            + " v.code, v.params, v.metrics, v.slice_metrics, v.tags, v.submitted_by, v.submitted_at,"
            + " v.lifecycle_id, v.policy_name, v.policy_version, v.policy_sha256, v.validation, v.challenge,"
            + " v.champion_version, v.state_reason, v.evidence_sha256, v.comparison";

    private final JdbcOperations jdbc;
    private final JsonColumns json;

    JdbcModelCatalog(JdbcOperations jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public boolean add(RegisteredModel model) {
        boolean added = jdbc.prepareStatement("INSERT INTO registered_models (name, description, owner_team, risk_tier,"
                + " tags, created_at, created_by) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)"
                + " ON CONFLICT (name) DO NOTHING", statement -> {
                    statement.setString(1, model.name().value());
                    statement.setString(2, model.description());
                    statement.setString(3, model.ownerTeam());
                    statement.setString(4, model.riskTier().name());
                    statement.setString(5, json.write(model.tags()));
                    statement.setTimestamp(6, Timestamp.from(model.createdAt()));
                    statement.setString(7, model.createdBy());
                    return statement.executeUpdate() == 1;
                });
        if (added) {
            jdbc.prepareStatement("INSERT INTO model_version_counters (model_id) SELECT id FROM registered_models"
                    + " WHERE name = ?", statement -> {
                        statement.setString(1, model.name().value());
                        return statement.executeUpdate();
                    });
        }
        return added;
    }

    @Override
    public Optional<RegisteredModel> model(ModelName name) {
        return jdbc.prepareStatement("SELECT " + MODEL_COLUMNS + " FROM registered_models m WHERE m.name = ?",
                statement -> {
                    statement.setString(1, name.value());
                    try (var rs = statement.executeQuery()) {
                        return rs.next() ? Optional.of(model(rs)) : Optional.empty();
                    }
                });
    }

    @Override
    public Optional<RegisteredModel> modelForSubmission(ModelName name) {
        return jdbc.prepareStatement("SELECT " + MODEL_COLUMNS + " FROM registered_models m WHERE m.name = ?"
                + " FOR KEY SHARE", statement -> {
                    statement.setString(1, name.value());
                    try (var rs = statement.executeQuery()) {
                        return rs.next() ? Optional.of(model(rs)) : Optional.empty();
                    }
                });
    }

    @Override
    public Optional<RegisteredModel> modelForUpdate(ModelName name) {
        return jdbc.prepareStatement("SELECT " + MODEL_COLUMNS + " FROM registered_models m WHERE m.name = ?"
                + " FOR UPDATE", statement -> {
                    statement.setString(1, name.value());
                    try (var rs = statement.executeQuery()) {
                        return rs.next() ? Optional.of(model(rs)) : Optional.empty();
                    }
                });
    }

    @Override
    public void reclassify(ModelName name, RiskTier riskTier, String ownerTeam) {
        jdbc.prepareStatement("UPDATE registered_models SET risk_tier = ?, owner_team = ? WHERE name = ?",
                statement -> {
                    statement.setString(1, riskTier.name());
                    statement.setString(2, ownerTeam);
                    statement.setString(3, name.value());
                    if (statement.executeUpdate() != 1) {
                        throw new IllegalStateException("no model " + name + " to reclassify");
                    }
                    return null;
                });
    }

    @Override
    public void describe(ModelName name, String description) {
        jdbc.prepareStatement("UPDATE registered_models SET description = ? WHERE name = ?", statement -> {
            statement.setString(1, description);
            statement.setString(2, name.value());
            if (statement.executeUpdate() != 1) {
                throw new IllegalStateException("no model " + name + " to describe");
            }
            return null;
        });
    }

    @Override
    public Page<RegisteredModel> search(ModelSearch search, PageRequest page) {
        var where = new StringBuilder(" WHERE TRUE");
        var args = new ArrayList<Object>();
        if (search.text() != null && !search.text().isBlank()) {
            where.append(" AND (strpos(m.name, lower(?)) > 0 OR strpos(lower(m.description), lower(?)) > 0)");
            args.add(search.text().trim());
            args.add(search.text().trim());
        }
        if (search.riskTier() != null) {
            where.append(" AND m.risk_tier = ?");
            args.add(search.riskTier().name());
        }
        if (search.tag() != null) {
            where.append(" AND m.tags @> ?::jsonb");
            args.add(json.write(Map.of(search.tag().getKey(), search.tag().getValue())));
        }
        if (search.state() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM model_versions v WHERE v.model_id = m.id AND v.state = ?)");
            args.add(search.state().name());
        }
        return page("SELECT " + MODEL_COLUMNS + ", count(*) OVER () AS total FROM registered_models m" + where
                + " ORDER BY m.name LIMIT ? OFFSET ?", args, page, this::model);
    }

    @Override
    public OptionalInt reserveNextVersion(ModelName name) {
        return jdbc.prepareStatement("UPDATE model_version_counters c SET latest_version = c.latest_version + 1"
                + " FROM registered_models m WHERE m.id = c.model_id AND m.name = ? RETURNING c.latest_version",
                statement -> {
                    statement.setString(1, name.value());
                    try (var rs = statement.executeQuery()) {
                        return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
                    }
                });
    }

    @Override
    public void add(ModelVersion version) {
        var evidence = version.evidence();
        jdbc.prepareStatement("INSERT INTO model_versions (model_id, version, state, artifact_uri, artifact_sha256,"
                + " framework, description, intended_use, training_data, evaluation_data, code, params, metrics,"
                + " slice_metrics, tags, submitted_by, submitted_at, lifecycle_id)"
                + " SELECT id, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb,"
                + " ?::jsonb, ?, ?, ? FROM registered_models WHERE name = ?", statement -> {
                    int i = 0;
                    statement.setInt(++i, version.version());
                    statement.setString(++i, version.state().name());
                    statement.setString(++i, evidence.artifactUri());
                    statement.setString(++i, evidence.artifactSha256().hex());
                    statement.setString(++i, evidence.framework());
                    statement.setString(++i, evidence.description());
                    statement.setString(++i, evidence.intendedUse());
                    statement.setString(++i, json.write(data(evidence.trainingData())));
                    statement.setString(++i, json.write(data(evidence.evaluationData())));
                    statement.setString(++i, json.write(code(evidence.code())));
                    statement.setString(++i, json.write(evidence.params()));
                    statement.setString(++i, json.write(evidence.metrics()));
                    statement.setString(++i, json.write(evidence.sliceMetrics()));
                    statement.setString(++i, json.write(evidence.tags()));
                    statement.setString(++i, version.submittedBy());
                    statement.setTimestamp(++i, Timestamp.from(version.submittedAt()));
                    statement.setString(++i, version.lifecycleId());
                    statement.setString(++i, version.model().value());
                    if (statement.executeUpdate() != 1) {
                        throw new IllegalStateException("model " + version.model() + " vanished during submission");
                    }
                    return null;
                });
    }

    @Override
    public Optional<ModelVersion> version(ModelName name, int version) {
        return jdbc.prepareStatement("SELECT " + VERSION_COLUMNS + " FROM model_versions v"
                + " JOIN registered_models m ON m.id = v.model_id WHERE m.name = ? AND v.version = ?", statement -> {
                    statement.setString(1, name.value());
                    statement.setInt(2, version);
                    try (var rs = statement.executeQuery()) {
                        return rs.next() ? Optional.of(version(rs)) : Optional.empty();
                    }
                });
    }

    @Override
    public List<ModelVersion> versions(List<ModelName> models, List<Integer> versions) {
        if (models.size() != versions.size()) {
            throw new IllegalArgumentException("as many models as versions");
        }
        if (models.isEmpty()) {
            return List.of();
        }
        return jdbc.prepareStatement("SELECT " + VERSION_COLUMNS + " FROM unnest(?::text[], ?::int[])"
                + " WITH ORDINALITY AS k(name, version, position) JOIN registered_models m ON m.name = k.name"
                + " JOIN model_versions v ON v.model_id = m.id AND v.version = k.version ORDER BY k.position",
                statement -> {
                    var connection = statement.getConnection();
                    statement.setArray(1, connection.createArrayOf("text", models.stream().map(ModelName::value)
                            .toArray()));
                    statement.setArray(2, connection.createArrayOf("integer", versions.toArray()));
                    var found = new ArrayList<ModelVersion>();
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            found.add(version(rs));
                        }
                    }
                    return found;
                });
    }

    @Override
    public Page<ModelVersion> versions(ModelName name, LifecycleState state, PageRequest page) {
        var args = new ArrayList<Object>(List.of(name.value()));
        var where = " WHERE m.name = ?";
        if (state != null) {
            where += " AND v.state = ?";
            args.add(state.name());
        }
        return page("SELECT " + VERSION_COLUMNS + ", count(*) OVER () AS total FROM model_versions v"
                + " JOIN registered_models m ON m.id = v.model_id" + where
                + " ORDER BY v.version DESC LIMIT ? OFFSET ?",
                args, page, this::version);
    }

    @Override
    public void changeState(ModelName name, int version, LifecycleState state) {
        updateVersion("state = ?", name, version, state.name());
    }

    private void updateVersion(String assignment, ModelName name, int version, String value) {
        jdbc.prepareStatement("UPDATE model_versions v SET " + assignment + " FROM registered_models m"
                + " WHERE m.id = v.model_id AND m.name = ? AND v.version = ?", statement -> {
                    statement.setString(1, value);
                    statement.setString(2, name.value());
                    statement.setInt(3, version);
                    if (statement.executeUpdate() != 1) {
                        throw new IllegalStateException("no version " + name + "/" + version + " to update");
                    }
                    return null;
                });
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> Page<T> page(String sql, List<Object> args, PageRequest page, RowReader<T> reader) {
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, args);
            statement.setInt(args.size() + 1, page.size());
            statement.setLong(args.size() + 2, page.offset());
            var items = new ArrayList<T>();
            long total = 0;
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    items.add(reader.read(rs));
                    total = rs.getLong("total");
                }
            }
            if (items.isEmpty() && page.page() > 0) {
                total = count(sql, args);
            }
            return new Page<>(items, total, page.page(), page.size());
        });
    }

    private long count(String pagedSql, List<Object> args) {
        var sql = "SELECT count(*) FROM (" + pagedSql.substring(0, pagedSql.lastIndexOf(" ORDER BY")) + ") AS q";
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, args);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static void bind(PreparedStatement statement, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            statement.setObject(i + 1, args.get(i));
        }
    }

    private RegisteredModel model(ResultSet rs) throws SQLException {
        return new RegisteredModel(new ModelName(rs.getString("name")), rs.getString("description"),
                rs.getString("owner_team"), RiskTier.valueOf(rs.getString("risk_tier")),
                json.read(rs.getString("tags"), STRINGS), rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"), rs.getInt("latest_version"));
    }

    private ModelVersion version(ResultSet rs) throws SQLException {
        var evidence = new VersionEvidence(rs.getString("artifact_uri"), new Sha256(rs.getString("artifact_sha256")),
                rs.getString("framework"), rs.getString("description"), rs.getString("intended_use"),
                data(json.read(rs.getString("training_data"), STRINGS)),
                data(json.read(rs.getString("evaluation_data"), STRINGS)),
                code(json.read(rs.getString("code"), STRINGS)), json.read(rs.getString("params"), OBJECTS),
                json.read(rs.getString("metrics"), NUMBERS), json.read(rs.getString("slice_metrics"), SLICES),
                json.read(rs.getString("tags"), STRINGS));
        var policyVersion = rs.getInt("policy_version");
        var policyVersionOrNull = rs.wasNull() ? null : policyVersion;
        var champion = rs.getInt("champion_version");
        var championOrNull = rs.wasNull() ? null : champion;
        var governance = new VersionGovernance(rs.getString("policy_name"), policyVersionOrNull,
                rs.getString("policy_sha256"), verdict(rs.getString("validation")), verdict(rs.getString("challenge")),
                championOrNull, rs.getString("state_reason"), rs.getString("evidence_sha256"),
                rs.getString("comparison") == null ? null : json.read(rs.getString("comparison"), OBJECTS));
        return new ModelVersion(new ModelName(rs.getString("model_name")), rs.getInt("version"),
                LifecycleState.valueOf(rs.getString("state")), evidence, rs.getString("submitted_by"),
                rs.getTimestamp("submitted_at").toInstant(), rs.getString("lifecycle_id"), governance);
    }

    private PolicyVerdict verdict(String column) {
        return column == null ? null : VerdictDocuments.fromMap(json.read(column, OBJECTS));
    }

    private static Map<String, String> data(DataReference data) {
        if (data == null) {
            return null;
        }
        var map = new LinkedHashMap<String, String>();
        map.put("uri", data.uri());
        map.put("sha256", data.sha256().hex());
        return map;
    }

    private static DataReference data(Map<String, String> map) {
        return map == null ? null : new DataReference(map.get("uri"), new Sha256(map.get("sha256")));
    }

    private static Map<String, String> code(CodeReference code) {
        return code == null ? null : Map.of("repository", code.repository(), "commit", code.commit());
    }

    private static CodeReference code(Map<String, String> map) {
        return map == null ? null : new CodeReference(map.get("repository"), map.get("commit"));
    }
}
