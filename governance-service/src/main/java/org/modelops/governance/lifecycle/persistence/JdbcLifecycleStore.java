package org.modelops.governance.lifecycle.persistence;

import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.modelops.governance.lifecycle.LifecycleStore;
import org.modelops.governance.lifecycle.model.EvaluationReport;
import org.modelops.governance.lifecycle.model.MeasuredMetrics;
import org.modelops.governance.policy.model.ChampionChallengerRules;
import org.modelops.governance.policy.model.PolicyVerdict;
import org.modelops.governance.policy.model.VerdictDocuments;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.registry.model.ModelName;

@Singleton
final class JdbcLifecycleStore implements LifecycleStore {

    private static final Argument<Map<String, Object>> OBJECT = Argument.mapOf(String.class, Object.class);
    private static final Argument<Map<String, Double>> NUMBERS = Argument.mapOf(String.class, Double.class);
    private static final Argument<Map<String, Map<String, Double>>> SLICES = Argument.mapOf(Argument.STRING,
            Argument.mapOf(String.class, Double.class));
    private static final String VERSION = " FROM registered_models m WHERE m.id = v.model_id AND m.name = ?"
            + " AND v.version = ?";

    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final TransactionOperations<Connection> transactions;
    /** The models each running transaction has locked: a step's second lock of one model costs no statement. */
    private final Map<Connection, Set<String>> held = new ConcurrentHashMap<>();

    JdbcLifecycleStore(JdbcOperations jdbc, JsonMapper json, TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public boolean lockModel(ModelName model) {
        var status = transactions.findTransactionStatus()
                .orElseThrow(() -> new IllegalStateException("a model's lock lasts as long as a transaction"));
        var connection = (Connection) status.getConnection();
        var locked = held.computeIfAbsent(connection, c -> {
            status.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(Status completed) {
                    held.remove(c);
                }
            });
            return ConcurrentHashMap.newKeySet();
        });
        if (!locked.add(model.value())) {
            return false;
        }
        jdbc.prepareStatement("SELECT id FROM registered_models WHERE name = ? FOR NO KEY UPDATE", statement -> {
            statement.setString(1, model.value());
            statement.executeQuery().close();
            return null;
        });
        return true;
    }

    @Override
    public void pinPolicy(ModelName model, int version, String policyName, int policyVersion, String sha256,
            String lifecycleId) {
        update("UPDATE model_versions v SET policy_name = ?, policy_version = ?, policy_sha256 = ?, lifecycle_id = ?"
                + VERSION, model, version, policyName, policyVersion, sha256, lifecycleId);
    }

    @Override
    public void saveVerdict(ModelName model, int version, PolicyVerdict verdict, Integer championVersion) {
        if (ChampionChallengerRules.STAGE.equals(verdict.stage())) {
            update("UPDATE model_versions v SET challenge = ?::jsonb, champion_version = ?" + VERSION, model, version,
                    write(VerdictDocuments.toMap(verdict)), championVersion);
        } else {
            update("UPDATE model_versions v SET validation = ?::jsonb" + VERSION, model, version,
                    write(VerdictDocuments.toMap(verdict)));
        }
    }

    @Override
    public Optional<PolicyVerdict> verdict(ModelName model, int version, String stage) {
        var column = ChampionChallengerRules.STAGE.equals(stage) ? "challenge" : "validation";
        return jdbc.prepareStatement("SELECT v." + column + " FROM model_versions v, registered_models m"
                + " WHERE m.id = v.model_id AND m.name = ? AND v.version = ?", statement -> {
                    statement.setString(1, model.value());
                    statement.setInt(2, version);
                    try (var rs = statement.executeQuery()) {
                        return rs.next() && rs.getString(1) != null
                                ? Optional.of(VerdictDocuments.fromMap(read(rs.getString(1), OBJECT)))
                                : Optional.empty();
                    }
                });
    }

    @Override
    public void changeState(ModelName model, int version, LifecycleState state, String reason) {
        // When it last stopped serving (superseded, rolled back, its rollout stopped) and when a rollback brought it
        // back: monitoring judges only the windows in which it served (right-hand sides read the row as it was)
        var stops = "? IN ('SUPERSEDED', 'ROLLED_BACK') AND v.state IN ('CHAMPION', 'ROLLING_OUT')";
        update("UPDATE model_versions v SET serving_ended_at = CASE WHEN " + stops + " THEN now()"
                + " ELSE v.serving_ended_at END, serving_resumed_at = CASE WHEN " + stops + " THEN NULL"
                + " WHEN ? = 'CHAMPION' AND v.serving_ended_at IS NOT NULL THEN now() ELSE v.serving_resumed_at END,"
                + " state = ?, state_reason = ?" + VERSION, model, version, state.name(), state.name(), state.name(),
                state.name(), reason);
    }

    @Override
    public Optional<Integer> champion(ModelName model) {
        return jdbc.prepareStatement("SELECT v.version FROM model_versions v JOIN registered_models m"
                + " ON m.id = v.model_id WHERE m.name = ? AND v.state = 'CHAMPION'", statement -> {
                    statement.setString(1, model.value());
                    try (var rs = statement.executeQuery()) {
                        return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
                    }
                });
    }

    @Override
    public Optional<Integer> superseded(ModelName model, int version) {
        return jdbc.prepareStatement("SELECT v.champion_version FROM model_versions v JOIN registered_models m"
                + " ON m.id = v.model_id WHERE m.name = ? AND v.version = ?", statement -> {
                    statement.setString(1, model.value());
                    statement.setInt(2, version);
                    try (var rs = statement.executeQuery()) {
                        if (rs.next()) {
                            int value = rs.getInt(1);
                            return rs.wasNull() ? Optional.empty() : Optional.of(value);
                        }
                        return Optional.empty();
                    }
                });
    }

    @Override
    public void recordSuperseded(ModelName model, int version, Integer superseded) {
        update("UPDATE model_versions v SET champion_version = ?" + VERSION, model, version, superseded);
    }

    @Override
    public MeasuredMetrics measured(ModelName model, int version) {
        return jdbc.prepareStatement("SELECT v.evaluation_data ->> 'sha256', v.metrics::text FROM model_versions v"
                + " JOIN registered_models m ON m.id = v.model_id WHERE m.name = ? AND v.version = ?", statement -> {
                    statement.setString(1, model.value());
                    statement.setInt(2, version);
                    try (var rs = statement.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException("no version " + model + "/" + version);
                        }
                        return new MeasuredMetrics(rs.getString(1), read(rs.getString(2), NUMBERS),
                                reports(model, version));
                    }
                });
    }

    @Override
    public List<EvaluationReport> reports(ModelName model, int version) {
        return jdbc.prepareStatement("SELECT e.id, e.dataset_uri, e.dataset_sha256, e.metrics::text,"
                + " e.slice_metrics::text, e.reported_by, e.reported_at FROM version_evaluations e"
                + " JOIN model_versions v ON v.id = e.version_id JOIN registered_models m ON m.id = v.model_id"
                + " WHERE m.name = ? AND v.version = ? ORDER BY e.reported_at, e.id", statement -> {
                    statement.setString(1, model.value());
                    statement.setInt(2, version);
                    var found = new ArrayList<EvaluationReport>();
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            found.add(new EvaluationReport(rs.getLong(1), rs.getString(2), rs.getString(3),
                                    read(rs.getString(4), NUMBERS), read(rs.getString(5), SLICES), rs.getString(6),
                                    rs.getTimestamp(7).toInstant()));
                        }
                    }
                    return found;
                });
    }

    @Override
    public void saveComparison(ModelName model, int version, Map<String, Object> comparison) {
        update("UPDATE model_versions v SET comparison = ?::jsonb" + VERSION, model, version,
                comparison == null ? null : write(comparison));
    }

    @Override
    public void saveEvidenceSha256(ModelName model, int version, String sha256) {
        update("UPDATE model_versions v SET evidence_sha256 = ?" + VERSION, model, version, sha256);
    }

    @Override
    public List<VersionRef> versionsIn(ModelName model, Set<LifecycleState> states) {
        var names = states.stream().map(Enum::name).toArray(String[]::new);
        return jdbc.prepareStatement("SELECT v.version, v.state, v.lifecycle_id FROM model_versions v"
                + " JOIN registered_models m ON m.id = v.model_id WHERE m.name = ? AND v.state = ANY (?)"
                + " ORDER BY v.version", statement -> {
                    statement.setString(1, model.value());
                    statement.setArray(2, statement.getConnection().createArrayOf("varchar", names));
                    var found = new ArrayList<VersionRef>();
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            found.add(new VersionRef(rs.getInt(1), LifecycleState.valueOf(rs.getString(2)),
                                    rs.getString(3)));
                        }
                    }
                    return found;
                });
    }

    @Override
    public void addEvaluation(ModelName model, int version, String datasetUri, String datasetSha256,
            Map<String, Double> metrics, Map<String, Map<String, Double>> sliceMetrics, String reportedBy) {
        jdbc.prepareStatement("INSERT INTO version_evaluations (version_id, dataset_uri, dataset_sha256, metrics,"
                + " slice_metrics, reported_by, reported_at) SELECT v.id, ?, ?, ?::jsonb, ?::jsonb, ?, ?"
                + " FROM model_versions v JOIN registered_models m ON m.id = v.model_id"
                + " WHERE m.name = ? AND v.version = ?", statement -> {
                    statement.setString(1, datasetUri);
                    statement.setString(2, datasetSha256);
                    statement.setString(3, write(metrics));
                    statement.setString(4, write(sliceMetrics));
                    statement.setString(5, reportedBy);
                    statement.setTimestamp(6, Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)));
                    statement.setString(7, model.value());
                    statement.setInt(8, version);
                    return statement.executeUpdate();
                });
    }

    @Override
    public List<Share> deployment(ModelName model) {
        return jdbc.prepareStatement("SELECT d.version, d.share_percent FROM model_deployments d"
                + " JOIN registered_models m ON m.id = d.model_id WHERE m.name = ? AND d.share_percent > 0"
                + " ORDER BY d.share_percent DESC, d.version DESC", statement -> {
                    statement.setString(1, model.value());
                    var shares = new ArrayList<Share>();
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            shares.add(new Share(rs.getInt(1), rs.getInt(2)));
                        }
                    }
                    return shares;
                });
    }

    @Override
    public void replaceDeployment(ModelName model, List<Share> shares) {
        jdbc.prepareStatement("DELETE FROM model_deployments d USING registered_models m WHERE m.id = d.model_id"
                + " AND m.name = ?", statement -> {
                    statement.setString(1, model.value());
                    return statement.executeUpdate();
                });
        for (var share : shares) {
            jdbc.prepareStatement("INSERT INTO model_deployments (model_id, version, share_percent)"
                    + " SELECT id, ?, ? FROM registered_models WHERE name = ?", statement -> {
                        statement.setInt(1, share.version());
                        statement.setInt(2, share.percent());
                        statement.setString(3, model.value());
                        return statement.executeUpdate();
                    });
        }
    }

    private void update(String sql, ModelName model, int version, Object... values) {
        jdbc.prepareStatement(sql, statement -> {
            int i = 0;
            for (var value : values) {
                statement.setObject(++i, value);
            }
            statement.setString(++i, model.value());
            statement.setInt(++i, version);
            if (statement.executeUpdate() != 1) {
                throw new IllegalStateException("no version " + model + "/" + version);
            }
            return null;
        });
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String text, Argument<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
