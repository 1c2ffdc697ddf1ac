package org.modelops.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Version submissions per second and their latency, through the running service's API and against two raw floors
 * (plain JDBC for the registry rows, an embedded Flowable engine for the process start), at each concurrency level.
 * Prints a Markdown report and writes it to {@code <out-dir>/submissions-<timestamp>.md}.
 *
 * <p>
 * Exit status: 0 when every operation succeeded and the databases agree with the counts, 2 when some failed (the
 * report lists them), 1 when the benchmark could not run to the end (what ran is still reported).
 */
public final class SubmissionBenchmark {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final Options options;
    private final String stamp;
    private final Payload payload = new Payload();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final String loadAtStart = SystemInfo.loadAverage();
    /** What the pre-loaded database holds (deploy/bench/submissions.sh passes the loader's summary). */
    private final String preloaded = System.getenv("BENCH_PRELOADED_SUMMARY");
    private int modelCounter;
    private final java.util.Map<String, String> stateUrls = new java.util.LinkedHashMap<>();
    /** Per API row: seconds from its end until every version it submitted had its validation verdict. */
    private final java.util.Map<String, Double> validationLag = new java.util.LinkedHashMap<>();

    /** One line of the table, and what went wrong in it. */
    private record Row(String what, LoadRunner.Measurement measurement, List<String> problems) {
    }

    private SubmissionBenchmark(Options options, String stamp) {
        this.options = options;
        this.stamp = stamp;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            if (e.getMessage() == null) {
                System.out.print(Options.USAGE);
                System.exit(0);
            }
            System.err.println("ERROR: " + e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(1);
            return;
        }
        var started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        var benchmark = new SubmissionBenchmark(options, started.format(STAMP));
        Exception failure = null;
        try {
            benchmark.runAll();
        } catch (Exception e) {
            failure = e;
            benchmark.problems.add("the benchmark stopped early: " + e);
        }
        try {
            var markdown = benchmark.report(started);
            System.out.println();
            System.out.print(markdown);
            var file = benchmark.write(markdown);
            System.out.println();
            System.out.println("Markdown written to " + file);
        } catch (IOException e) {
            System.err.println("ERROR: could not write the report: " + e);
            System.exit(1);
        }
        if (failure != null) {
            System.err.println();
            System.err.println("ERROR: the benchmark could not run to the end: " + failure);
            failure.printStackTrace(System.err);
            System.exit(1);
        }
        if (!benchmark.problems.isEmpty()) {
            System.err.println();
            System.err.println("ERROR: " + benchmark.problems.size() + " problem(s); the numbers are not valid:");
            benchmark.problems.forEach(problem -> System.err.println("  - " + problem));
            System.exit(2);
        }
        System.exit(0);
    }

    private void runAll() throws Exception {
        if (options.kinds().contains(Options.Kind.API)) {
            runApi();
        }
        if (options.kinds().contains(Options.Kind.MLFLOW)) {
            runMlflow();
        }
        boolean jdbc = options.kinds().contains(Options.Kind.JDBC);
        boolean flowable = options.kinds().contains(Options.Kind.FLOWABLE);
        if (jdbc || flowable) {
            var floor = new JdbcFloor(options, payload);
            if (!options.keepBenchDb()) {
                progress("dropping the scratch tables in " + options.jdbcUrl());
                floor.dropScratchTables();
            }
            if (jdbc) {
                runJdbc(floor);
            }
            if (flowable) {
                runFlowable();
            }
        }
    }

    private void runApi() throws Exception {
        for (var state : options.states()) {
            hook("start", state);
            try {
                runApi(state);
            } finally {
                hook("stop", state);
            }
        }
    }

    /** Runs {@code <state-hook> start|stop <state>}; a failing hook stops the benchmark. */
    private void hook(String action, Options.State state) throws IOException, InterruptedException {
        if (options.stateHook() == null || state.name() == null) {
            return;
        }
        progress(options.stateHook() + " " + action + " " + state.name());
        var process = new ProcessBuilder("bash", "-c", options.stateHook() + " \"$0\" \"$1\"", action, state.name())
                .inheritIO().redirectOutput(ProcessBuilder.Redirect.appendTo(new java.io.File("/dev/stderr"))).start();
        int status = process.waitFor();
        if (status != 0) {
            throw new IOException("the state hook `" + options.stateHook() + " " + action + " " + state.name()
                    + "` exited with " + status);
        }
    }

    private void runApi(Options.State state) throws Exception {
        var api = new ApiTarget(options, payload, state.serviceUrl());
        api.token();
        var label = state.name() == null ? "" : " (" + state.name() + " database)";
        if (state.name() != null) {
            stateUrls.put(state.name(), state.serviceUrl());
        }
        if (options.stateHook() != null && state.name() != null && options.serviceWarmup() > 0) {
            // a service the hook has just started runs cold code: warm it up before its first measured row
            var models = newModelNames(4);
            for (var model : models) {
                api.registerModel(model);
            }
            progress(String.format(Locale.ROOT, "warming the %s service up: 4 clients for %d s, not measured",
                    state.name(), options.serviceWarmup()));
            LoadRunner.run(4, Duration.ZERO, Duration.ofSeconds(options.serviceWarmup()), api.submitters(models));
            awaitVerdicts("warm-up", api, models);
        }
        for (int clients : options.clients()) {
            for (boolean perClient : new boolean[]{false, true}) {
                var models = newModelNames(perClient ? clients : 1);
                progress("registering " + models.size() + " model(s) through the API");
                for (var model : models) {
                    api.registerModel(model);
                }
                var what = (perClient ? "API, model per client" : "API, one model") + label;
                var measurement = measure(what, clients, api.submitters(models));
                var rowProblems = new ArrayList<String>();
                var expected = perModel(models.size(), measurement.successesPerClient());
                for (int i = 0; i < models.size(); i++) {
                    int latest = api.latestVersion(models.get(i));
                    if (latest != expected[i]) {
                        rowProblems.add("model " + models.get(i) + ": " + expected[i] + " submissions answered 201,"
                                + " but its latestVersion is " + latest);
                    }
                }
                add(what, measurement, rowProblems);
                validatedWithin(what + ", " + clients + " client(s)", api, models);
            }
        }
    }

    /**
     * Waits until every version the row submitted has its validation verdict (the service validates after answering,
     * so a burst is answered faster than it is validated) and records how long that took after the row ended: the
     * next row starts on an idle service, and the report says how far validation lagged behind.
     */
    private void validatedWithin(String row, ApiTarget api, List<String> models) throws Exception {
        double seconds = awaitVerdicts(row, api, models);
        validationLag.put(row, seconds);
        progress(String.format(Locale.ROOT, "    every version validated %.1f s after the row ended", seconds));
    }

    private double awaitVerdicts(String row, ApiTarget api, List<String> models) throws Exception {
        long ended = System.nanoTime();
        long deadline = ended + Duration.ofMinutes(5).toNanos();
        long waiting;
        do {
            waiting = 0;
            for (var model : models) {
                waiting += api.awaitingVerdicts(model);
            }
            if (waiting > 0) {
                Thread.sleep(200);
            }
        } while (waiting > 0 && System.nanoTime() < deadline);
        double seconds = (System.nanoTime() - ended) / 1e9;
        if (waiting > 0) {
            problems.add(row + ": " + waiting + " version(s) still without a validation verdict 5 min after the row");
        }
        return seconds;
    }

    private void runMlflow() throws Exception {
        var mlflow = new MlflowTarget(options.mlflowUrl(), options.mlflowToken(), new ApiTarget(options, payload));
        for (int clients : options.clients()) {
            for (boolean perClient : new boolean[]{false, true}) {
                var models = newModelNames(perClient ? clients : 1);
                progress("registering " + models.size() + " model(s) through MLflow's registered-models/create");
                for (var model : models) {
                    mlflow.registerModel(model);
                }
                var what = perClient ? "MLflow registry, model per client" : "MLflow registry, one model";
                add(what, measure(what, clients, mlflow.creators(models)), List.of());
            }
        }
    }

    private void runJdbc(JdbcFloor floor) throws Exception {
        floor.createTables();
        for (int clients : options.clients()) {
            for (boolean perClient : new boolean[]{false, true}) {
                var models = newModelNames(perClient ? clients : 1);
                floor.createModels(models);
                var what = perClient ? "JDBC floor, model per client" : "JDBC floor, one model";
                var measurement = measure(what, clients, floor.writers(models));
                add(what, measurement, floor.check(models, measurement.successesPerClient()));
            }
        }
    }

    private void runFlowable() throws Exception {
        progress("starting an embedded Flowable engine on " + options.jdbcUrl()
                + " (creates its tables on first use)");
        try (var floor = new FlowableFloor(options, Collections.max(options.clients()))) {
            for (int clients : options.clients()) {
                var what = "Flowable floor, process start";
                long before = floor.runningInstances();
                var measurement = measure(what, clients, floor.starters("bench-" + stamp + "-" + (++modelCounter)));
                long started = floor.runningInstances() - before;
                var rowProblems = new ArrayList<String>();
                if (started != measurement.totalSuccesses()) {
                    rowProblems.add(measurement.totalSuccesses() + " starts succeeded, but " + started
                            + " new running instances exist");
                }
                add(what, measurement, rowProblems);
            }
        }
    }

    private LoadRunner.Measurement measure(String what, int clients, LoadRunner.WorkerFactory workers)
            throws Exception {
        progress(String.format(Locale.ROOT, "%s, %d client(s): %d s warm-up + %d s measured", what, clients,
                options.warmup(), options.seconds()));
        var measurement = LoadRunner.run(clients, Duration.ofSeconds(options.warmup()),
                Duration.ofSeconds(options.seconds()), workers);
        progress(String.format(Locale.ROOT, "    %d ops, %.1f ops/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d errors",
                measurement.ops(), measurement.opsPerSecond(), measurement.percentileMillis(0.50),
                measurement.percentileMillis(0.99), measurement.maxMillis(), measurement.errors()));
        return measurement;
    }

    private void add(String what, LoadRunner.Measurement measurement, List<String> consistencyProblems) {
        var rowProblems = new ArrayList<String>();
        if (measurement.errors() > 0) {
            rowProblems.add(measurement.errors() + " failed operation(s); samples: " + measurement.errorSamples()
                    .entrySet().stream().map(e -> e.getValue() + "× " + e.getKey()).collect(Collectors.joining(" | ")));
        }
        if (measurement.ops() == 0) {
            rowProblems.add("no operation completed in the measured period");
        }
        rowProblems.addAll(consistencyProblems);
        for (var problem : rowProblems) {
            problems.add(what + ", " + measurement.clients() + " client(s): " + problem);
        }
        rows.add(new Row(what, measurement, rowProblems));
    }

    private List<String> newModelNames(int count) {
        var names = new ArrayList<String>(count);
        for (int i = 0; i < count; i++) {
            names.add("bench-" + stamp + "-" + (++modelCounter));
        }
        return names;
    }

    private static long[] perModel(int models, long[] perClient) {
        var totals = new long[models];
        for (int i = 0; i < perClient.length; i++) {
            totals[i % models] += perClient[i];
        }
        return totals;
    }

    private String report(OffsetDateTime started) {
        var md = new StringBuilder();
        md.append("# Version submissions: throughput and latency\n\n");
        SystemInfo.appendHeader(md, started, SystemInfo.postgres(options), loadAtStart);
        md.append("- Service: ").append(stateUrls.isEmpty()
                ? options.serviceUrl()
                : stateUrls.entrySet().stream()
                        .map(e -> e.getKey() + " database at " + e.getValue()).collect(Collectors.joining(", ")))
                .append("; raw floors on ").append(options.jdbcUrl()).append('\n');
        if (options.mlflowUrl() != null) {
            md.append("- MLflow-compatible registry: ").append(options.mlflowUrl()).append('\n');
        }
        if (preloaded != null) {
            md.append("- Pre-loaded database: ").append(preloaded).append('\n');
        }
        md.append("- Settings: clients ")
                .append(options.clients().stream().map(String::valueOf).collect(Collectors.joining(",")))
                .append("; ").append(options.warmup()).append(" s warm-up + ").append(options.seconds())
                .append(" s measured per row").append(options.quick() ? " (--quick)" : "")
                .append("; Idempotency-Key ").append(options.idempotencyKeys() ? "sent" : "not sent")
                .append('\n');
        if (options.note() != null) {
            md.append("- Note: ").append(options.note()).append('\n');
        }
        md.append('\n');
        md.append("| what | clients | ops | ops/s | p50 ms | p99 ms | max ms | errors |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var row : rows) {
            var m = row.measurement();
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.2f | %.2f | %.2f | %d%s |\n", row.what(),
                    m.clients(), m.ops(), m.opsPerSecond(), m.percentileMillis(0.50), m.percentileMillis(0.99),
                    m.maxMillis(), m.errors(), row.problems().isEmpty() ? "" : " ⚠"));
        }
        md.append('\n');
        if (!validationLag.isEmpty()) {
            md.append(
                    "Validation behind the answers: the service answers a submission once its lifecycle has started and"
                            + " validates it right after, as a job. Seconds from the end of each API row until every version"
                            + " it submitted had its validation verdict (the next row starts after that):\n\n");
            md.append("| API row | validated within s |\n|---|---:|\n");
            validationLag.forEach((row, seconds) -> md.append(String.format(Locale.ROOT, "| %s | %.1f |\n", row,
                    seconds)));
            md.append('\n');
        }
        md.append(
                """
                        - **API**: `POST /api/v1/models/{name}/versions` over HTTP/1.1, one connection per client, a \
                        `ci-pipeline` client-credentials token (fetched outside the timed call). Server-side, each \
                        submission is one transaction: the model's version counter (row lock), the version row, a Flowable \
                        process start of the lifecycle (its first step; validation follows as a job) and three pending audit \
                        events, sealed into the chain after the commit. *One model*: every client submits to the same \
                        fresh model; *model per client*: each client has its own fresh model. Only HTTP 201 counts as \
                        success. *(fresh database)*: the service on an empty, freshly migrated database; *(preloaded \
                        database)*: on one grown by `deploy/bench/preload.sh` (docs/benchmarks.md).
                        - **MLflow registry** (with `--mlflow-url`): `model-versions/create` (name, source, four tags) on \
                        fresh models made with `registered-models/create`; only HTTP 200 counts.
                        - **JDBC floor**: the registry writes of a submission as plain JDBC on the service's real schema (its \
                        Flyway migrations applied to the bench database), per operation one transaction: read the model \
                        `FOR KEY SHARE`, `UPDATE model_version_counters … RETURNING latest_version`, `INSERT` the version \
                        row with the same JSON, move the version to VALIDATING, pin the policy and attach the lifecycle id in one `UPDATE`, and one \
                        three-row `INSERT` into `audit_pending`; one connection per client. No workflow engine, no sealing.
                        - **Flowable floor**: `startProcessInstanceByKey` (with the service's business key and four \
                        variables) on an embedded engine (history TASK and one-row inserts as the service, but recording runtime activity instances, which the service does not; strong UUIDs, async executor off) running a \
                        start → service task `${true}` → receive task → end process; one transaction per start.
                        - Latency: wall-clock per operation, measured at the client, completed within the measured period; \
                        percentiles are nearest-rank. Client, service, Keycloak and PostgreSQL share this machine.
                        """);
        if (!problems.isEmpty()) {
            md.append("\n## Problems (rows marked ⚠ are not valid)\n\n");
            problems.forEach(problem -> md.append("- ").append(problem.replace("|", "\\|")).append('\n'));
        }
        return md.toString();
    }

    private Path write(String markdown) throws IOException {
        Files.createDirectories(options.outDir());
        var file = options.outDir().resolve("submissions-" + stamp + ".md").toAbsolutePath().normalize();
        Files.writeString(file, markdown, StandardCharsets.UTF_8);
        return file;
    }

    private static void progress(String message) {
        System.err.println("==> " + message);
    }
}
