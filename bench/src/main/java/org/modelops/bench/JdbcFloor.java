package org.modelops.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The raw floor of a submission's registry writes, on the service's real schema (its Flyway migrations applied to
 * the bench database): per operation one transaction with the statements {@code POST /api/v1/models/{name}/versions}
 * runs outside the workflow engine, with the same JSON: read the model share-locked ({@code FOR KEY SHARE}),
 * {@code UPDATE model_version_counters … RETURNING latest_version} (the counter row lock that numbers versions),
 * {@code INSERT} the version row, move the version to VALIDATING (the lifecycle's first step, which takes no model lock
 * for a version just submitted), pin the policy and attach the lifecycle id (one UPDATE), and the transaction's three audit
 * events ({@code version.submitted}, {@code version.state-changed}, {@code policy.pinned}) in one multi-row
 * {@code INSERT} into {@code audit_pending}, as the service writes them just before its commit. Nothing seals them
 * here: sealing runs after the commit, outside the submission.
 */
final class JdbcFloor {

    private static final String READ = "SELECT id, risk_tier, owner_team FROM registered_models WHERE name = ?"
            + " FOR KEY SHARE";
    private static final String RESERVE = "UPDATE model_version_counters c SET latest_version = c.latest_version + 1"
            + " FROM registered_models m WHERE m.id = c.model_id AND m.name = ? RETURNING c.latest_version";
    private static final String INSERT = "INSERT INTO model_versions (model_id, version, state, artifact_uri,"
            + " artifact_sha256, framework, description, intended_use, training_data, evaluation_data, code, params,"
            + " metrics, slice_metrics, tags, submitted_by, submitted_at, lifecycle_id)"
            + " SELECT id, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb,"
            + " ?::jsonb, ?, ?, ? FROM registered_models WHERE name = ?";
    private static final String VERSION = " FROM registered_models m WHERE m.id = v.model_id AND m.name = ?"
            + " AND v.version = ?";
    private static final String CURRENT = "SELECT v.state FROM model_versions v JOIN registered_models m"
            + " ON m.id = v.model_id WHERE m.name = ? AND v.version = ?";
    private static final String VALIDATING = "UPDATE model_versions v SET state = 'VALIDATING', state_reason = NULL"
            + VERSION;
    private static final String PIN = "UPDATE model_versions v SET policy_name = ?, policy_version = ?,"
            + " policy_sha256 = ?, lifecycle_id = ?" + VERSION;
    private static final String PENDING = "INSERT INTO audit_pending (event_id, occurred_at, actor_subject,"
            + " actor_username, actor_roles, action, subject_type, subject_id, details, correlation) VALUES"
            + " (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?),"
            + " (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)";
    private static final String POLICY_SHA256 = "0".repeat(64);

    private final Options options;
    private final Payload payload;

    JdbcFloor(Options options, Payload payload) {
        this.options = options;
        this.payload = payload;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(options.jdbcUrl(), options.dbUser(), options.dbPassword());
    }

    /**
     * Drops the Flowable engine's tables ({@code act_*}, {@code flw_*}) from the scratch database, so that every
     * Flowable floor starts from empty tables (the registry's tables belong to the migrations; the scripts recreate
     * the whole database before each run).
     */
    void dropScratchTables() throws SQLException {
        try (var connection = connect(); var statement = connection.createStatement()) {
            var tables = new ArrayList<String>();
            try (var rs = statement.executeQuery("SELECT quote_ident(tablename) FROM pg_tables"
                    + " WHERE schemaname = current_schema() AND (tablename LIKE 'act\\_%' OR tablename LIKE 'flw\\_%')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            if (!tables.isEmpty()) {
                statement.execute("DROP TABLE IF EXISTS " + String.join(", ", tables) + " CASCADE");
            }
        }
    }

    /** Applies the service's migrations (a scratch database made before them, without their history, is refused). */
    void createTables() throws SQLException {
        try (var connection = connect();
                var statement = connection.createStatement();
                var rs = statement.executeQuery("SELECT count(*) FILTER (WHERE tablename = 'flyway_schema_history'),"
                        + " count(*) FILTER (WHERE tablename = 'model_versions') FROM pg_tables"
                        + " WHERE schemaname = current_schema()")) {
            rs.next();
            if (rs.getInt(1) == 0 && rs.getInt(2) > 0) {
                throw new IllegalStateException(options.jdbcUrl() + " holds scratch tables of an older benchmark,"
                        + " not the migrated schema: recreate it (deploy/bench/submissions.sh does)");
            }
        }
        if (options.dbOwnerPassword() == null) {
            throw new IllegalStateException("the JDBC floor applies the service's migrations as the schema's owner:"
                    + " --db-owner-password or $BENCH_DB_OWNER_PASSWORD");
        }
        Migrations.apply(options.jdbcUrl(), options.dbOwner(), options.dbOwnerPassword(), options.migrations());
    }

    void createModels(List<String> names) throws SQLException {
        try (var connection = connect();
                var insert = connection.prepareStatement(
                        "WITH m AS (INSERT INTO registered_models (name, description, owner_team, risk_tier, tags,"
                                + " created_at, created_by) VALUES (?, ?, 'bench', 'LOW', '{\"bench\":\"true\"}'::jsonb,"
                                + " now(), 'bench') RETURNING id) INSERT INTO model_version_counters (model_id)"
                                + " SELECT id FROM m")) {
            for (String name : names) {
                insert.setString(1, name);
                insert.setString(2, "Benchmark model created by org.modelops.bench.SubmissionBenchmark.");
                insert.executeUpdate();
            }
        }
    }

    /** Problems found when comparing the database with the successes counted per model (empty when consistent). */
    List<String> check(List<String> models, long[] successesPerClient) throws SQLException {
        var expected = new long[models.size()];
        for (int i = 0; i < successesPerClient.length; i++) {
            expected[i % models.size()] += successesPerClient[i];
        }
        var problems = new ArrayList<String>();
        try (var connection = connect();
                var query = connection.prepareStatement(
                        "SELECT c.latest_version, (SELECT count(*) FROM model_versions v WHERE v.model_id = m.id)"
                                + " FROM registered_models m JOIN model_version_counters c ON c.model_id = m.id"
                                + " WHERE m.name = ?")) {
            for (int i = 0; i < models.size(); i++) {
                query.setString(1, models.get(i));
                try (var rs = query.executeQuery()) {
                    rs.next();
                    long latest = rs.getLong(1);
                    long rows = rs.getLong(2);
                    if (latest != expected[i] || rows != expected[i]) {
                        problems.add("model " + models.get(i) + ": " + expected[i] + " successful inserts counted,"
                                + " latest_version " + latest + ", " + rows + " version rows");
                    }
                }
            }
        }
        return problems;
    }

    /** Client {@code index} writes versions of {@code models.get(index % models.size())} on its own connection. */
    LoadRunner.WorkerFactory writers(List<String> models) {
        return index -> new Writer(models.get(index % models.size()));
    }

    private final class Writer implements LoadRunner.Worker {

        private final String model;
        private final Connection connection;
        private final PreparedStatement read;
        private final PreparedStatement reserve;
        private final PreparedStatement insert;
        private final PreparedStatement current;
        private final PreparedStatement validating;
        private final PreparedStatement pin;
        private final PreparedStatement pending;
        private final java.sql.Array submitterRoles;
        private final java.sql.Array systemRoles;
        private long sequence;
        private String artifactUri;
        private String artifactSha256;

        Writer(String model) throws SQLException {
            this.model = model;
            this.connection = connect();
            connection.setAutoCommit(false);
            this.read = connection.prepareStatement(READ);
            this.reserve = connection.prepareStatement(RESERVE);
            this.insert = connection.prepareStatement(INSERT);
            this.current = connection.prepareStatement(CURRENT);
            this.validating = connection.prepareStatement(VALIDATING);
            this.pin = connection.prepareStatement(PIN);
            this.pending = connection.prepareStatement(PENDING);
            this.submitterRoles = connection.createArrayOf("text", new String[]{"ml-engineer"});
            this.systemRoles = connection.createArrayOf("text", new String[0]);
        }

        @Override
        public void prepare() {
            artifactUri = Payload.artifactUri(model, ++sequence);
            artifactSha256 = Payload.randomSha256();
        }

        @Override
        public String call() throws SQLException {
            try {
                read.setString(1, model);
                try (var rs = read.executeQuery()) {
                    if (!rs.next()) {
                        connection.rollback();
                        return "no model " + model;
                    }
                }
                int number;
                reserve.setString(1, model);
                try (var rs = reserve.executeQuery()) {
                    if (!rs.next()) {
                        connection.rollback();
                        return "no model " + model;
                    }
                    number = rs.getInt(1);
                }
                var now = Timestamp.from(Instant.now());
                int i = 0;
                insert.setInt(++i, number);
                insert.setString(++i, "REGISTERED");
                insert.setString(++i, artifactUri);
                insert.setString(++i, artifactSha256);
                insert.setString(++i, payload.framework);
                insert.setString(++i, payload.description);
                insert.setString(++i, payload.intendedUse);
                insert.setString(++i, payload.trainingDataJson);
                insert.setString(++i, payload.evaluationDataJson);
                insert.setString(++i, payload.codeJson);
                insert.setString(++i, payload.paramsJson);
                insert.setString(++i, payload.metricsJson);
                insert.setString(++i, payload.sliceMetricsJson);
                insert.setString(++i, payload.tagsJson);
                insert.setString(++i, "service-account-ci-pipeline");
                insert.setTimestamp(++i, now);
                insert.setString(++i, null);
                insert.setString(++i, model);
                if (insert.executeUpdate() != 1) {
                    connection.rollback();
                    return "version row not inserted for " + model;
                }
                var lifecycleId = UUID.randomUUID().toString();
                current.setString(1, model);
                current.setInt(2, number);
                current.executeQuery().close();
                validating.setString(1, model);
                validating.setInt(2, number);
                validating.executeUpdate();
                pin.setString(1, "low-risk");
                pin.setInt(2, 1);
                pin.setString(3, POLICY_SHA256);
                pin.setString(4, lifecycleId);
                pin.setString(5, model);
                pin.setInt(6, number);
                pin.executeUpdate();
                var subject = model + "/" + number;
                int p = 0;
                p = event(p, now, "service-account-ci-pipeline", submitterRoles, "version.submitted", subject,
                        "{\"artifactSha256\":\"" + artifactSha256 + "\",\"artifactUri\":\"" + artifactUri
                                + "\",\"framework\":\"" + payload.framework + "\"}",
                        null);
                p = event(p, now, "system", systemRoles, "version.state-changed", subject,
                        "{\"from\":\"REGISTERED\",\"to\":\"VALIDATING\"}", lifecycleId);
                event(p, now, "system", systemRoles, "policy.pinned", subject, "{\"policy\":\"low-risk\","
                        + "\"policySha256\":\"" + POLICY_SHA256 + "\",\"policyVersion\":1}", lifecycleId);
                pending.executeUpdate();
                connection.commit();
                return null;
            } catch (SQLException e) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // the error below says what went wrong
                }
                return "SQL " + e.getSQLState() + ": " + e.getMessage();
            }
        }

        private int event(int p, Timestamp at, String actor, java.sql.Array roles, String action, String subject,
                String details, String correlation) throws SQLException {
            pending.setObject(++p, UUID.randomUUID());
            pending.setTimestamp(++p, at);
            pending.setString(++p, actor);
            pending.setString(++p, actor);
            pending.setArray(++p, roles);
            pending.setString(++p, action);
            pending.setString(++p, "model-version");
            pending.setString(++p, subject);
            pending.setString(++p, details);
            pending.setString(++p, correlation);
            return p;
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
