package org.modelops.bench;

import java.nio.file.Path;
import java.util.List;

/** Command-line options of {@link AuditBenchmark}; parsing helpers are shared with {@link Options}. */
record AuditOptions(List<AuditBenchmark.Mode> modes, List<Integer> writers, int seconds, int warmup,
        int verifyEvents, int topUpAppends, int batch, boolean keepExport, Path migrations,
        String jdbcUrl, String dbUser, String dbPassword, Path outDir, String note) {

    static final String USAGE = """
            Usage: java -cp bench.jar org.modelops.bench.AuditBenchmark [options]

              --modes sealed,direct how writers append: sealed (pending, commit, group seal: the service's path)
                                    and/or direct (head locked through the commit, as before V95)
              --writers 1,4,16      concurrency levels (threads, each with its own connection; one append and
                                    one commit per operation)
              --seconds 15          measured seconds per level
              --warmup 5            unmeasured seconds before each level
              --verify-events 100000
                                    the chain is topped up to at least this many events (single thread,
                                    --batch appends per transaction) before verification is timed
              --top-up-appends 20000
                                    at most this many of the top-up events are appended (timed); the rest
                                    are bulk-loaded (sealed with CanonicalForm, batched INSERTs, not timed)
              --batch 1000          appends per transaction when topping up
              --keep-export         keep the export file (.local/bench/audit-<timestamp>.jsonl)
              --quick               writers 1, 3 s warm-up + 5 s per level, 200 000 events (a few minutes)
              --migrations DIR      where V2__audit_trail.sql and V3__audit_checkpoints.sql are
                                    (default governance-service/src/main/resources/db/migration)
              --jdbc-url URL        scratch database; its audit tables are dropped and recreated
                                    (default jdbc:postgresql://127.0.0.1:5432/modelops_bench)
              --db-user U           (default modelops)
              --db-password P       (default $BENCH_DB_PASSWORD, else modelops)
              --out-dir DIR         where audit-<timestamp>.md goes (default .local/bench)
              --note TEXT           a line for the report header (e.g. the git commit)
            """;

    static AuditOptions parse(String[] args) {
        List<AuditBenchmark.Mode> modes = List.of(AuditBenchmark.Mode.SEALED, AuditBenchmark.Mode.DIRECT);
        List<Integer> writers = List.of(1, 4, 16);
        int seconds = 15;
        int warmup = 5;
        int verifyEvents = 100_000;
        int topUpAppends = 20_000;
        int batch = 1000;
        boolean keepExport = false;
        Path migrations = Path.of("governance-service", "src", "main", "resources", "db", "migration");
        String jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/modelops_bench";
        String dbUser = "modelops";
        String dbPassword = System.getenv().getOrDefault("BENCH_DB_PASSWORD", "modelops");
        Path outDir = Path.of(".local", "bench");
        String note = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--modes" -> modes = java.util.Arrays.stream(Options.value(args, ++i, arg).split(","))
                        .map(mode -> {
                            try {
                                return AuditBenchmark.Mode.valueOf(mode.trim().toUpperCase(java.util.Locale.ROOT));
                            } catch (IllegalArgumentException e) {
                                throw new Options.UsageException("--modes: sealed or direct, not " + mode);
                            }
                        }).toList();
                case "--writers" -> writers = Options.positiveList(arg, Options.value(args, ++i, arg));
                case "--seconds" -> seconds = Options.positive(arg, Options.value(args, ++i, arg));
                case "--warmup" -> warmup = Options.nonNegative(arg, Options.value(args, ++i, arg));
                case "--verify-events" -> verifyEvents = Options.nonNegative(arg, Options.value(args, ++i, arg));
                case "--top-up-appends" -> topUpAppends = Options.nonNegative(arg, Options.value(args, ++i, arg));
                case "--keep-export" -> keepExport = true;
                case "--quick" -> {
                    writers = List.of(1);
                    seconds = 5;
                    warmup = 3;
                    verifyEvents = 200_000;
                    topUpAppends = 5_000;
                }
                case "--batch" -> batch = Options.positive(arg, Options.value(args, ++i, arg));
                case "--migrations" -> migrations = Path.of(Options.value(args, ++i, arg));
                case "--jdbc-url" -> jdbcUrl = Options.value(args, ++i, arg);
                case "--db-user" -> dbUser = Options.value(args, ++i, arg);
                case "--db-password" -> dbPassword = Options.value(args, ++i, arg);
                case "--out-dir" -> outDir = Path.of(Options.value(args, ++i, arg));
                case "--note" -> note = Options.value(args, ++i, arg);
                case "-h", "--help" -> throw new Options.UsageException(null);
                default -> throw new Options.UsageException("unknown option " + arg);
            }
        }
        return new AuditOptions(modes, writers, seconds, warmup, verifyEvents, topUpAppends, batch, keepExport,
                migrations, jdbcUrl, dbUser,
                dbPassword, outDir, note);
    }
}
