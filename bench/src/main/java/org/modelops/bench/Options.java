package org.modelops.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Command-line options of {@link SubmissionBenchmark}. */
record Options(List<Integer> clients, int seconds, int warmup, Set<Kind> kinds, String serviceUrl, String tokenUrl,
        String clientId, String clientSecret, String jdbcUrl, String dbUser, String dbPassword, String dbOwner,
        String dbOwnerPassword, Path migrations, Path outDir, boolean idempotencyKeys, boolean keepBenchDb,
        String note, List<State> states, String stateHook, String mlflowUrl, String mlflowToken, boolean quick,
        int serviceWarmup) {

    /** The groups of measurements; {@code --only} selects some of them. */
    enum Kind {
        API, JDBC, FLOWABLE, MLFLOW
    }

    /**
     * A database state the API rows are measured on ({@code fresh}, {@code preloaded}…) and the service that runs on
     * it; {@code --state-hook CMD} is run as {@code CMD start NAME} before its rows and {@code CMD stop NAME} after.
     */
    record State(String name, String serviceUrl) {
    }

    static final String USAGE = """
            Usage: java -jar bench.jar [options]

              --clients 1,4,16      concurrency levels (threads, each with its own connection)
              --seconds 20          measured seconds per row
              --warmup 5            unmeasured seconds before each row
              --quick               the regression guard: --seconds 5 --warmup 2 unless given
              --only api,jdbc,flowable,mlflow
                                    which groups to run (default: all but mlflow; mlflow with --mlflow-url)
              --service-url URL     governance service (default http://localhost:8080)
              --states NAME=URL,... measure the API rows once per database state, each on its own service
                                    (e.g. fresh=http://127.0.0.1:28490,preloaded=http://127.0.0.1:28490)
              --state-hook CMD      run `CMD start NAME` before a state's rows and `CMD stop NAME` after
                                    (deploy/bench/submissions.sh starts and stops the service this way)
              --service-warmup 15   unmeasured seconds of submissions to a service the hook has just started
              --mlflow-url URL      an MLflow-compatible registry to measure beside it: registered-models/create,
                                    then model-versions/create (e.g. http://127.0.0.1:5000, or the service's own
                                    http://localhost:8080 which serves /api/2.0/mlflow)
              --mlflow-token T      bearer token for it; `ci-pipeline` sends the ci-pipeline token (default none)
              --token-url URL       Keycloak token endpoint
                                    (default http://localhost:8180/realms/modelops/protocol/openid-connect/token)
              --client-id ID        client-credentials client (default ci-pipeline)
              --client-secret S     its secret (default ci-pipeline-secret)
              --jdbc-url URL        scratch database for the raw floors
                                    (default jdbc:postgresql://127.0.0.1:5432/modelops_bench)
              --db-user U           (default modelops)
              --db-password P       (default $BENCH_DB_PASSWORD, else modelops)
              --db-owner U          the schema's owner, who applies the migrations (default modelops_owner)
              --db-owner-password P (default $BENCH_DB_OWNER_PASSWORD)
              --migrations DIR      the service's migrations (default governance-service/src/main/resources/db/migration)
              --out-dir DIR         where submissions-<timestamp>.md goes (default .local/bench)
              --idempotency-keys    send a fresh Idempotency-Key with every API submission
              --keep-bench-db       do not drop the scratch tables (bench and Flowable) first
              --note TEXT           a line for the report header (e.g. the git commit)
            """;

    static Options parse(String[] args) {
        List<Integer> clients = List.of(1, 4, 16);
        Integer seconds = null;
        Integer warmup = null;
        Set<Kind> kinds = null;
        String serviceUrl = "http://localhost:8080";
        String tokenUrl = "http://localhost:8180/realms/modelops/protocol/openid-connect/token";
        String clientId = "ci-pipeline";
        String clientSecret = "ci-pipeline-secret";
        String jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/modelops_bench";
        String dbUser = "modelops";
        String dbPassword = System.getenv().getOrDefault("BENCH_DB_PASSWORD", "modelops");
        Path outDir = Path.of(".local", "bench");
        boolean idempotencyKeys = false;
        boolean keepBenchDb = false;
        String note = null;
        String dbOwner = "modelops_owner";
        String dbOwnerPassword = System.getenv("BENCH_DB_OWNER_PASSWORD");
        Path migrations = Migrations.DEFAULT_LOCATION;
        List<State> states = null;
        String stateHook = null;
        String mlflowUrl = null;
        String mlflowToken = null;
        boolean quick = false;
        int serviceWarmup = 15;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--clients" -> clients = positiveList(arg, value(args, ++i, arg));
                case "--seconds" -> seconds = positive(arg, value(args, ++i, arg));
                case "--warmup" -> warmup = nonNegative(arg, value(args, ++i, arg));
                case "--only" -> kinds = kinds(value(args, ++i, arg));
                case "--service-url" -> serviceUrl = stripSlash(value(args, ++i, arg));
                case "--token-url" -> tokenUrl = value(args, ++i, arg);
                case "--client-id" -> clientId = value(args, ++i, arg);
                case "--client-secret" -> clientSecret = value(args, ++i, arg);
                case "--jdbc-url" -> jdbcUrl = value(args, ++i, arg);
                case "--db-user" -> dbUser = value(args, ++i, arg);
                case "--db-password" -> dbPassword = value(args, ++i, arg);
                case "--out-dir" -> outDir = Path.of(value(args, ++i, arg));
                case "--idempotency-keys" -> idempotencyKeys = true;
                case "--keep-bench-db" -> keepBenchDb = true;
                case "--note" -> note = value(args, ++i, arg);
                case "--db-owner" -> dbOwner = value(args, ++i, arg);
                case "--db-owner-password" -> dbOwnerPassword = value(args, ++i, arg);
                case "--migrations" -> migrations = Path.of(value(args, ++i, arg));
                case "--states" -> states = states(value(args, ++i, arg));
                case "--state-hook" -> stateHook = value(args, ++i, arg);
                case "--mlflow-url" -> mlflowUrl = stripSlash(value(args, ++i, arg));
                case "--mlflow-token" -> mlflowToken = value(args, ++i, arg);
                case "--quick" -> quick = true;
                case "--service-warmup" -> serviceWarmup = nonNegative(arg, value(args, ++i, arg));
                case "-h", "--help" -> throw new UsageException(null);
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        if (kinds == null) {
            kinds = EnumSet.of(Kind.API, Kind.JDBC, Kind.FLOWABLE);
            if (mlflowUrl != null) {
                kinds.add(Kind.MLFLOW);
            }
        }
        if (kinds.contains(Kind.MLFLOW) && mlflowUrl == null) {
            throw new UsageException("--only mlflow needs --mlflow-url");
        }
        if (states == null) {
            states = List.of(new State(null, serviceUrl));
        }
        return new Options(clients, seconds != null ? seconds : quick ? 5 : 20,
                warmup != null ? warmup : quick ? 2 : 5, kinds, serviceUrl, tokenUrl, clientId, clientSecret, jdbcUrl,
                dbUser, dbPassword, dbOwner, dbOwnerPassword, migrations, outDir, idempotencyKeys, keepBenchDb, note,
                states, stateHook, mlflowUrl, mlflowToken, quick, serviceWarmup);
    }

    /** Bad arguments (message) or a request for help (no message). */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    static List<Integer> positiveList(String option, String text) {
        var values = new ArrayList<Integer>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                values.add(positive(option, part.trim()));
            }
        }
        if (values.isEmpty()) {
            throw new UsageException(option + " needs at least one number");
        }
        return List.copyOf(values);
    }

    static int positive(String option, String text) {
        int value = number(option, text);
        if (value < 1) {
            throw new UsageException(option + " must be at least 1: " + text);
        }
        return value;
    }

    static int nonNegative(String option, String text) {
        int value = number(option, text);
        if (value < 0) {
            throw new UsageException(option + " must not be negative: " + text);
        }
        return value;
    }

    static int number(String option, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a whole number: " + text);
        }
    }

    private static Set<Kind> kinds(String text) {
        var kinds = EnumSet.noneOf(Kind.class);
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                try {
                    kinds.add(Kind.valueOf(part.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--only takes api, jdbc, flowable, mlflow: " + part);
                }
            }
        }
        if (kinds.isEmpty()) {
            throw new UsageException("--only needs at least one of api, jdbc, flowable");
        }
        return kinds;
    }

    private static List<State> states(String text) {
        var states = new ArrayList<State>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                int equals = part.indexOf('=');
                if (equals < 1 || equals == part.length() - 1) {
                    throw new UsageException("--states takes NAME=URL,...: " + part);
                }
                states.add(new State(part.substring(0, equals).trim(), stripSlash(part.substring(equals + 1).trim())));
            }
        }
        if (states.isEmpty()) {
            throw new UsageException("--states needs at least one NAME=URL");
        }
        return List.copyOf(states);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
