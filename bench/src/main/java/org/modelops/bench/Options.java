package org.modelops.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Command-line options of {@link SubmissionBenchmark}. */
record Options(List<Integer> clients, int seconds, int warmup, Set<Kind> kinds, String serviceUrl, String tokenUrl,
        String clientId, String clientSecret, String jdbcUrl, String dbUser, String dbPassword, Path outDir,
        boolean idempotencyKeys, boolean keepBenchDb, String note) {

    /** The groups of measurements; {@code --only} selects some of them. */
    enum Kind {
        API, JDBC, FLOWABLE
    }

    static final String USAGE = """
            Usage: java -jar bench.jar [options]

              --clients 1,16        concurrency levels (threads, each with its own connection)
              --seconds 20          measured seconds per row
              --warmup 5            unmeasured seconds before each row
              --only api,jdbc,flowable
                                    which groups to run (default: all)
              --service-url URL     governance service (default http://localhost:8080)
              --token-url URL       Keycloak token endpoint
                                    (default http://localhost:8180/realms/modelops/protocol/openid-connect/token)
              --client-id ID        client-credentials client (default ci-pipeline)
              --client-secret S     its secret (default ci-pipeline-secret)
              --jdbc-url URL        scratch database for the raw floors
                                    (default jdbc:postgresql://127.0.0.1:5432/modelops_bench)
              --db-user U           (default modelops)
              --db-password P       (default $BENCH_DB_PASSWORD, else modelops)
              --out-dir DIR         where submissions-<timestamp>.md goes (default .local/bench)
              --idempotency-keys    send a fresh Idempotency-Key with every API submission
              --keep-bench-db       do not drop the scratch tables (bench and Flowable) first
              --note TEXT           a line for the report header (e.g. the git commit)
            """;

    static Options parse(String[] args) {
        List<Integer> clients = List.of(1, 16);
        int seconds = 20;
        int warmup = 5;
        Set<Kind> kinds = EnumSet.allOf(Kind.class);
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
                case "-h", "--help" -> throw new UsageException(null);
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        return new Options(clients, seconds, warmup, kinds, serviceUrl, tokenUrl, clientId, clientSecret, jdbcUrl,
                dbUser, dbPassword, outDir, idempotencyKeys, keepBenchDb, note);
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
                    throw new UsageException("--only takes api, jdbc, flowable: " + part);
                }
            }
        }
        if (kinds.isEmpty()) {
            throw new UsageException("--only needs at least one of api, jdbc, flowable");
        }
        return kinds;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
