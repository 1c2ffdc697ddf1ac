package org.modelops.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw floor of a submission's registry writes: per operation one transaction with the service's
 * {@code UPDATE … RETURNING latest_version} (the row lock that numbers versions) and its {@code INSERT} of the version
 * row, with the same JSON, against scratch copies of the tables in the bench database.
 */
final class JdbcFloor {

    /** The registry tables of V1__registry.sql, without the foreign key; statements end with a semicolon. */
    private static final String DDL = """
            CREATE TABLE IF NOT EXISTS registered_models (
                id             BIGSERIAL PRIMARY KEY,
                name           VARCHAR(63)  NOT NULL UNIQUE,
                description    TEXT         NOT NULL DEFAULT '',
                owner_team     VARCHAR(100) NOT NULL,
                risk_tier      VARCHAR(10)  NOT NULL CHECK (risk_tier IN ('LOW', 'MEDIUM', 'HIGH')),
                tags           JSONB        NOT NULL DEFAULT '{}',
                latest_version INTEGER      NOT NULL DEFAULT 0,
                created_at     TIMESTAMPTZ  NOT NULL,
                created_by     VARCHAR(200) NOT NULL
            );
            CREATE INDEX IF NOT EXISTS registered_models_tags ON registered_models USING GIN (tags jsonb_path_ops);

            CREATE TABLE IF NOT EXISTS model_versions (
                id                  BIGSERIAL PRIMARY KEY,
                model_id            BIGINT        NOT NULL,
                version             INTEGER       NOT NULL CHECK (version > 0),
                state               VARCHAR(20)   NOT NULL,
                artifact_uri        VARCHAR(2048) NOT NULL,
                artifact_sha256     CHAR(64)      NOT NULL,
                framework           VARCHAR(64)   NOT NULL,
                description         TEXT,
                intended_use        TEXT,
                training_data       JSONB,
                evaluation_data     JSONB,
                code                JSONB,
                params              JSONB         NOT NULL DEFAULT '{}',
                metrics             JSONB         NOT NULL DEFAULT '{}',
                slice_metrics       JSONB         NOT NULL DEFAULT '{}',
                tags                JSONB         NOT NULL DEFAULT '{}',
                submitted_by        VARCHAR(200)  NOT NULL,
                submitted_at        TIMESTAMPTZ   NOT NULL,
                lifecycle_id        VARCHAR(64),
                UNIQUE (model_id, version)
            );
            CREATE INDEX IF NOT EXISTS model_versions_state ON model_versions (state, model_id);
            """;

    private static final String RESERVE = "UPDATE registered_models SET latest_version = latest_version + 1"
            + " WHERE name = ? RETURNING latest_version";
    private static final String INSERT = "INSERT INTO model_versions (model_id, version, state, artifact_uri,"
            + " artifact_sha256, framework, description, intended_use, training_data, evaluation_data, code, params,"
            + " metrics, slice_metrics, tags, submitted_by, submitted_at, lifecycle_id)"
            + " SELECT id, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb,"
            + " ?::jsonb, ?, ?, ? FROM registered_models WHERE name = ?";

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
     * Drops this benchmark's tables and the Flowable engine's ({@code act_*}, {@code flw_*}) from the scratch
     * database, so that every run starts from empty tables.
     */
    void dropScratchTables() throws SQLException {
        try (var connection = connect(); var statement = connection.createStatement()) {
            var tables = new ArrayList<String>();
            try (var rs = statement.executeQuery("SELECT quote_ident(tablename) FROM pg_tables"
                    + " WHERE schemaname = current_schema() AND (tablename LIKE 'act\\_%' OR tablename LIKE 'flw\\_%'"
                    + " OR tablename IN ('registered_models', 'model_versions'))")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            if (!tables.isEmpty()) {
                statement.execute("DROP TABLE IF EXISTS " + String.join(", ", tables) + " CASCADE");
            }
        }
    }

    void createTables() throws SQLException {
        try (var connection = connect(); var statement = connection.createStatement()) {
            for (String ddl : DDL.split(";")) {
                if (!ddl.isBlank()) {
                    statement.execute(ddl);
                }
            }
        }
    }

    void createModels(List<String> names) throws SQLException {
        try (var connection = connect();
                var insert = connection.prepareStatement(
                        "INSERT INTO registered_models (name, description, owner_team, risk_tier, tags, latest_version,"
                                + " created_at, created_by) VALUES (?, ?, 'bench', 'LOW', '{\"bench\":\"true\"}'::jsonb, 0,"
                                + " now(), 'bench')")) {
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
                        "SELECT m.latest_version, (SELECT count(*) FROM model_versions v WHERE v.model_id = m.id)"
                                + " FROM registered_models m WHERE m.name = ?")) {
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
        private final PreparedStatement reserve;
        private final PreparedStatement insert;
        private long sequence;
        private String artifactUri;
        private String artifactSha256;

        Writer(String model) throws SQLException {
            this.model = model;
            this.connection = connect();
            connection.setAutoCommit(false);
            this.reserve = connection.prepareStatement(RESERVE);
            this.insert = connection.prepareStatement(INSERT);
        }

        @Override
        public void prepare() {
            artifactUri = Payload.artifactUri(model, ++sequence);
            artifactSha256 = Payload.randomSha256();
        }

        @Override
        public String call() throws SQLException {
            try {
                int number;
                reserve.setString(1, model);
                try (var rs = reserve.executeQuery()) {
                    if (!rs.next()) {
                        connection.rollback();
                        return "no model " + model;
                    }
                    number = rs.getInt(1);
                }
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
                insert.setTimestamp(++i, Timestamp.from(Instant.now()));
                insert.setString(++i, null);
                insert.setString(++i, model);
                if (insert.executeUpdate() != 1) {
                    connection.rollback();
                    return "version row not inserted for " + model;
                }
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

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
