package org.modelops.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.modelops.audit.AuditActor;
import org.modelops.audit.AuditEvent;
import org.modelops.audit.AuditQuery;
import org.modelops.audit.AuditRecord;
import org.modelops.audit.AuditSubject;
import org.modelops.audit.CanonicalForm;
import org.modelops.audit.CheckpointSigner;
import org.modelops.audit.AuditSealer;
import org.modelops.audit.JdbcAuditTrail;
import org.modelops.audit.RecordedEvent;

/**
 * The audit trail on its own ({@link JdbcAuditTrail}, no service): appends per second and their latency at each
 * number of concurrent writers (one append and one commit per operation), then verification of the whole chain
 * (events per second) and the cost of a signed checkpoint. Runs on scratch copies of the audit tables, created from
 * the service's own migrations (V2, V3) in the bench database. Prints a Markdown report and writes it to
 * {@code <out-dir>/audit-<timestamp>.md}.
 *
 * <p>
 * After the concurrent appends the whole chain is verified and counted: it must be one unbroken chain with exactly
 * as many events as appends succeeded. Exit status: 0 when it is, 2 when not (or when appends failed; the report
 * lists the problems), 1 when the benchmark could not run to the end.
 */
public final class AuditBenchmark {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    private static final List<String> MIGRATIONS = List.of("V2__audit_trail.sql", "V3__audit_checkpoints.sql",
            "V95__audit_queue_then_seal.sql");
    private static final int SIGNATURES = 2000;
    private static final int UNMEASURED_SIGNATURES = 4000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final AuditOptions options;
    private final String stamp;
    private final String loadAtStart = SystemInfo.loadAverage();
    private final ThreadConnectionDataSource transactions = new ThreadConnectionDataSource();
    private final JdbcAuditTrail trail = new JdbcAuditTrail(transactions, Clock.systemUTC());
    private final JdbcAuditTrail singleThreadTrail = new JdbcAuditTrail(transactions, Clock.systemUTC(), 1);
    private final ReferenceVerification referenceTrail = new ReferenceVerification(transactions);
    private String exportLine;
    private final Events events = new Events();
    private final List<AppendRow> appendRows = new ArrayList<>();
    private final List<ChainRow> chainRows = new ArrayList<>();
    private final List<String> checkpointLines = new ArrayList<>();
    private final List<String> chainChecks = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private CheckpointSigner signer;
    private long appended;

    /** One line of the appends table and what went wrong in it. */
    private record AppendRow(Mode mode, LoadRunner.Measurement measurement, double walSyncsPerAppend,
            List<String> problems) {
    }

    /** How a writer's transaction gets its event into the chain. */
    enum Mode {
        /** The service's path: written as pending in the change's transaction, committed, then group-sealed. */
        SEALED("record + commit + group seal"),
        /** An append under the head lock inside the transaction, held through its commit (before V95). */
        DIRECT("append + commit (head locked through the commit)");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    private AuditSealer sealer;

    /** One line of the chain table: {@code events} handled in {@code nanos}, {@code cpuNanos} of them on the CPU. */
    private record ChainRow(String what, long events, long nanos, long cpuNanos) {

        double seconds() {
            return nanos / 1e9;
        }

        double perSecond() {
            return events / seconds();
        }
    }

    private AuditBenchmark(AuditOptions options, String stamp) {
        this.options = options;
        this.stamp = stamp;
    }

    public static void main(String[] args) {
        AuditOptions options;
        try {
            options = AuditOptions.parse(args);
        } catch (Options.UsageException e) {
            if (e.getMessage() == null) {
                System.out.print(AuditOptions.USAGE);
                System.exit(0);
            }
            System.err.println("ERROR: " + e.getMessage());
            System.err.print(AuditOptions.USAGE);
            System.exit(1);
            return;
        }
        var started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        var benchmark = new AuditBenchmark(options, started.format(STAMP));
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
            System.err.println("************************************************************************");
            System.err.println("ERROR: " + benchmark.problems.size() + " problem(s); the audit chain or the counts"
                    + " are wrong and the numbers are not valid:");
            benchmark.problems.forEach(problem -> System.err.println("  - " + problem));
            System.err.println("************************************************************************");
            System.exit(2);
        }
        System.exit(0);
    }

    private void runAll() throws Exception {
        progress("recreating the audit tables in " + options.jdbcUrl() + " from " + String.join(", ", MIGRATIONS));
        recreateSchema();
        var pair = CheckpointSigner.newKeyPair();
        signer = CheckpointSigner.fromBase64("bench-" + stamp, pair[0], pair[1]);

        sealer = new AuditSealer(trail, () -> {
            var connection = connect();
            connection.setAutoCommit(false);
            return connection;
        }, null);
        for (var mode : options.modes()) {
            for (int writers : options.writers()) {
                measureAppends(mode, writers);
            }
        }
        sealer.close();
        checkCounts("after the concurrent appends");
        timeCheckpoint("after the concurrent appends, the JVM's first signature");
        verifyChain("verify whole chain, 1 checkpoint, after the concurrent appends");

        if (appended < options.verifyEvents()) {
            long missing = options.verifyEvents() - appended;
            long appendedOnes = Math.min(missing, options.topUpAppends());
            if (appendedOnes > 0) {
                topUp(appendedOnes);
            }
            if (missing > appendedOnes) {
                bulkLoad(missing - appendedOnes);
            }
            checkCounts("after topping up");
        }
        timeSignatures();
        timeCheckpoint("after topping up and the timed signatures");
        readOnly();
        var checkpoints = inTransaction(() -> trail.checkpoints().size()).value();
        verifyChain("verify whole chain, " + checkpoints + " checkpoints, 1 thread (reference `CanonicalForm`)",
                referenceTrail);
        verifyChain("verify whole chain, " + checkpoints + " checkpoints, 1 thread", singleThreadTrail);
        int threads = Runtime.getRuntime().availableProcessors();
        for (int pass = 1; pass <= 2; pass++) {
            verifyChain("verify whole chain, " + checkpoints + " checkpoints, " + threads + " threads, pass " + pass,
                    trail);
        }
        exportLines();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Bulk load and export

    /**
     * Adds {@code count} events quickly: sealed here with the reference {@link CanonicalForm} (as appends do), inserted
     * with batched multi-row INSERTs, the head updated at the end. Not timed as appends: the appends are measured above.
     */
    private void bulkLoad(long count) throws SQLException {
        progress(String.format(Locale.ROOT, "bulk-loading %d events (sealed with CanonicalForm, batched INSERTs)",
                count));
        var url = options.jdbcUrl() + (options.jdbcUrl().contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        long start = System.nanoTime();
        try (var connection = DriverManager.getConnection(url, options.dbUser(), options.dbPassword())) {
            connection.setAutoCommit(false);
            long sequence;
            String previous;
            try (var statement = connection.createStatement();
                    var rs = statement.executeQuery("SELECT last_sequence, last_hash FROM audit_chain_head")) {
                rs.next();
                sequence = rs.getLong(1);
                previous = rs.getString(2);
            }
            var model = "bench-audit-bulk";
            int version = 0;
            try (var insert = connection.prepareStatement("INSERT INTO audit_events (sequence, occurred_at,"
                    + " actor_subject, actor_username, actor_roles, action, subject_type, subject_id, details,"
                    + " correlation, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)")) {
                for (long i = 0; i < count; i++) {
                    var record = events.next(model, ++version);
                    var unsealed = new AuditEvent(++sequence, Instant.now().truncatedTo(ChronoUnit.MICROS),
                            record.actor(), record.action(), record.subject(), record.details(),
                            record.correlation(), previous, null);
                    var hash = CanonicalForm.hash(unsealed);
                    insert.setLong(1, sequence);
                    insert.setTimestamp(2, java.sql.Timestamp.from(unsealed.occurredAt()));
                    insert.setString(3, record.actor().subject());
                    insert.setString(4, record.actor().username());
                    insert.setArray(5, connection.createArrayOf("text", record.actor().roles().toArray()));
                    insert.setString(6, record.action());
                    insert.setString(7, record.subject().type());
                    insert.setString(8, record.subject().id());
                    insert.setString(9, JSON.writeValueAsString(record.details()));
                    insert.setString(10, record.correlation());
                    insert.setString(11, previous);
                    insert.setString(12, hash);
                    insert.addBatch();
                    previous = hash;
                    if ((i + 1) % 1000 == 0 || i + 1 == count) {
                        insert.executeBatch();
                    }
                    if ((i + 1) % 20_000 == 0 || i + 1 == count) {
                        try (var head = connection.prepareStatement(
                                "UPDATE audit_chain_head SET last_sequence = ?, last_hash = ? WHERE id = 1")) {
                            head.setLong(1, sequence);
                            head.setString(2, previous);
                            head.executeUpdate();
                        }
                        connection.commit();
                        appended = sequence;
                    }
                }
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        progress(String.format(Locale.ROOT, "    %.1f s", (System.nanoTime() - start) / 1e9));
    }

    /**
     * Streams the whole chain as JSON Lines event lines ({@code JdbcAuditTrail.forEachLine}, what the service's export
     * writes) to a byte counter, and samples the heap in use meanwhile.
     */
    private void exportLines() throws SQLException, IOException {
        progress("streaming the whole chain as JSON Lines (export)");
        System.gc();
        var memory = ManagementFactory.getMemoryMXBean();
        long before = memory.getHeapMemoryUsage().getUsed();
        var peak = new java.util.concurrent.atomic.AtomicLong(before);
        var afterGc = new java.util.concurrent.atomic.AtomicLong();
        var collections = new java.util.concurrent.atomic.AtomicLong();
        var sampling = new java.util.concurrent.atomic.AtomicBoolean(true);
        var sampler = Thread.ofPlatform().daemon().start(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        javax.management.NotificationListener listener = (notification, handback) -> {
            if (!sampling.get() || !notification.getType().equals(
                    com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                return;
            }
            var info = com.sun.management.GarbageCollectionNotificationInfo
                    .from((javax.management.openmbean.CompositeData) notification.getUserData());
            long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                    .mapToLong(java.lang.management.MemoryUsage::getUsed).sum();
            afterGc.accumulateAndGet(used, Math::max);
            collections.incrementAndGet();
        };
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((javax.management.NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }
        var bytes = new long[1];
        var lines = new long[1];
        var file = options.outDir().resolve("audit-" + stamp + ".jsonl");
        Files.createDirectories(options.outDir());
        var checkpoints = inTransaction(() -> trail.checkpoints()).value();
        long last = checkpoints.isEmpty() ? appended : checkpoints.getLast().sequence();
        Timed<Long> result;
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(org.modelops.audit.JsonLines.header(Map.of(), true,
                    CanonicalForm.formatTime(Instant.now()), signer.keyId(), 1, last));
            out.write('\n');
            result = inTransaction(() -> {
                trail.forEachLine(new AuditQuery(null, null, null, null, null, null, 1L, last), line -> {
                    try {
                        out.write(line);
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    bytes[0] += line.length() + 1;
                    lines[0]++;
                    return true;
                });
                return lines[0];
            });
            for (var checkpoint : checkpoints) {
                out.write(org.modelops.audit.JsonLines.checkpoint(checkpoint));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sampling.set(false);
        sampler.interrupt();
        chainRows.add(new ChainRow("export: stream whole chain as JSON Lines, "
                + Runtime.getRuntime().availableProcessors() + " threads", result.value(), result.nanos(),
                result.cpuNanos()));
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((javax.management.NotificationEmitter) gc).removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException e) {
                // not registered: nothing to remove
            }
        }
        exportLine = String.format(Locale.ROOT, "Export of %d events: %.0f MiB of JSON Lines; heap in use %.0f MiB"
                + " before; while streaming at most %.0f MiB in use (garbage included, sampled every 20 ms) and at"
                + " most %.0f MiB live after each of its %d collections (-Xmx %d MiB)", lines[0],
                bytes[0] / 1048576.0, before / 1048576.0, peak.get() / 1048576.0, afterGc.get() / 1048576.0,
                collections.get(), Runtime.getRuntime().maxMemory() / 1048576);
        checkpointLines.add(exportLine);
        progress("    " + exportLine);
        verifyExportFile(file, 1);
        int threads = Runtime.getRuntime().availableProcessors();
        if (threads > 1) {
            verifyExportFile(file, threads);
        }
        if (!options.keepExport()) {
            Files.deleteIfExists(file);
        }
    }

    /** The offline verifier (the audit module's {@code ExportVerifier}, what the CLI runs) on the export file. */
    private void verifyExportFile(Path file, int threads) throws IOException {
        progress("verifying the export offline, " + threads + " thread(s)");
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        org.modelops.audit.ChainVerification result;
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            result = new org.modelops.audit.ExportVerifier(signer.publicKey(), List.of(), threads).verify(reader);
        }
        var row = new ChainRow("offline verifier on the export file, " + threads + " thread(s)", result.checked(),
                System.nanoTime() - start, THREADS.getCurrentThreadCpuTime() - cpu);
        chainRows.add(row);
        progress(String.format(Locale.ROOT, "    %s: %d events in %.2f s, %.0f events/s",
                result.ok() ? "ok" : "NOT OK", result.checked(), row.seconds(), row.perSecond()));
        if (!result.ok()) {
            fail("offline verification of the export: " + result.problem());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Schema

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(options.jdbcUrl(), options.dbUser(), options.dbPassword());
    }

    /**
     * Drops the audit tables (the owner may DROP although V2 revokes UPDATE, DELETE and TRUNCATE, and no trigger
     * fires on DROP) and creates them again by running the service's migration files unchanged.
     */
    private void recreateSchema() throws SQLException, IOException {
        var scripts = new ArrayList<String>();
        for (var name : MIGRATIONS) {
            var file = options.migrations().resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new IOException("no migration " + file.toAbsolutePath()
                        + " (run from the repository root or pass --migrations)");
            }
            scripts.add(Files.readString(file, StandardCharsets.UTF_8));
        }
        try (var connection = connect(); var statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("DROP TABLE IF EXISTS audit_pending, audit_checkpoints, audit_chain_head, audit_events"
                    + " CASCADE");
            statement.execute("DROP FUNCTION IF EXISTS audit_events_refuse_change() CASCADE");
            statement.execute("DROP FUNCTION IF EXISTS audit_pending_refuse_change() CASCADE");
            for (var script : scripts) {
                statement.execute(script);
            }
            connection.commit();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Appends

    private void measureAppends(Mode mode, int writers) throws Exception {
        progress(String.format(Locale.ROOT, "%s, %d writer(s): %d s warm-up + %d s measured", mode.label, writers,
                options.warmup(), options.seconds()));
        long walSyncs = walSyncs();
        var measurement = LoadRunner.run(writers, Duration.ofSeconds(options.warmup()),
                Duration.ofSeconds(options.seconds()), index -> new Appender(mode,
                        "bench-audit-" + mode.name().toLowerCase(Locale.ROOT) + "-w" + writers + "-" + index));
        double walSyncsPerAppend = walSyncs < 0
                ? Double.NaN
                : (walSyncs() - walSyncs) / (double) Math.max(1, measurement.totalSuccesses());
        appended += measurement.totalSuccesses();
        progress(String.format(Locale.ROOT, "    %d ops, %.1f ops/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d errors",
                measurement.ops(), measurement.opsPerSecond(), measurement.percentileMillis(0.50),
                measurement.percentileMillis(0.99), measurement.maxMillis(), measurement.errors()));
        var rowProblems = new ArrayList<String>();
        if (measurement.errors() > 0) {
            rowProblems.add(measurement.errors() + " failed append(s); samples: " + measurement.errorSamples()
                    .entrySet().stream().map(e -> e.getValue() + "× " + e.getKey()).collect(Collectors.joining(" | ")));
        }
        if (measurement.ops() == 0) {
            rowProblems.add("no append completed in the measured period");
        }
        rowProblems.forEach(problem -> problems.add("appends, " + writers + " writer(s): " + problem));
        appendRows.add(new AppendRow(mode, measurement, walSyncsPerAppend, rowProblems));
        checkCounts("after " + mode.label + ", " + writers + " writer(s)");
    }

    /** WAL flushes of the whole cluster so far (pg_stat_wal.wal_sync), or -1 when that view cannot be read. */
    private long walSyncs() {
        try (var connection = connect();
                var statement = connection.createStatement();
                var rs = statement.executeQuery("SELECT wal_sync FROM pg_stat_wal")) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    /**
     * One writer: its own connection; each operation is one transaction with one event, committed and, in
     * {@link Mode#SEALED}, sealed (the writer returns once its event is in the chain, as the service's do).
     */
    private final class Appender implements LoadRunner.Worker {

        private final Mode mode;
        private final String model;
        private final Connection connection;
        private int version;
        private AuditRecord next;

        Appender(Mode mode, String model) throws SQLException {
            this.mode = mode;
            this.model = model;
            this.connection = connect();
            connection.setAutoCommit(false);
        }

        @Override
        public void prepare() throws SQLException {
            transactions.bind(connection);
            next = events.next(model, ++version);
        }

        @Override
        public String call() {
            try {
                if (mode == Mode.SEALED) {
                    trail.writePending(connection, List.of(RecordedEvent.now(next, Clock.systemUTC())));
                    connection.commit();
                    sealer.sealThrough(sealer.ticket());
                } else {
                    trail.append(next);
                    connection.commit();
                }
                return null;
            } catch (RuntimeException | SQLException e) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // the error below says what went wrong
                }
                return describe(e);
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** Appends {@code count} events from this thread, {@code --batch} per transaction. */
    private void topUp(long count) throws SQLException {
        progress(String.format(Locale.ROOT, "topping the chain up by %d events (%d per transaction, 1 thread)",
                count, options.batch()));
        var model = "bench-audit-topup";
        int version = 0;
        try (var connection = connect()) {
            connection.setAutoCommit(false);
            transactions.bind(connection);
            long cpu = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long done = 0;
            while (done < count) {
                long batch = Math.min(options.batch(), count - done);
                for (long i = 0; i < batch; i++) {
                    trail.append(events.next(model, ++version));
                }
                connection.commit();
                done += batch;
                appended += batch;
            }
            var row = new ChainRow("top-up appends, " + options.batch() + " per transaction, 1 thread", count,
                    System.nanoTime() - start, THREADS.getCurrentThreadCpuTime() - cpu);
            chainRows.add(row);
            progress(String.format(Locale.ROOT, "    %.1f s, %.0f events/s", row.seconds(), row.perSecond()));
        } finally {
            transactions.unbind();
        }
    }

    /** The events: a version submission as the service records it, with fresh digests and ids every time. */
    private static final class Events {

        private static final AuditActor ACTOR = new AuditActor("4f1c2b7e-9a0d-4e61-8c3b-2d5e6f7a8b9c",
                "service-account-ci-pipeline", List.of("model-submitter", "default-roles-modelops"));

        private final Payload payload = new Payload();
        private final String framework = payload.framework;
        private final String trainingDataSha256 = (String) map(payload.trainingDataJson).get("sha256");
        private final String evaluationDataSha256 = (String) map(payload.evaluationDataJson).get("sha256");
        private final String codeCommit = (String) map(payload.codeJson).get("commit");
        private final Map<String, Object> metrics = map(payload.metricsJson);
        private final Map<String, Object> sliceMetrics = map(payload.sliceMetricsJson);

        /** The details of {@code version.submitted} (VersionSubmissions.submissionDetails), with an Idempotency-Key. */
        AuditRecord next(String model, int version) {
            var details = new LinkedHashMap<String, Object>();
            details.put("artifactUri", Payload.artifactUri(model, version));
            details.put("artifactSha256", Payload.randomSha256());
            details.put("framework", framework);
            details.put("trainingDataSha256", trainingDataSha256);
            details.put("evaluationDataSha256", evaluationDataSha256);
            details.put("codeCommit", codeCommit);
            details.put("metrics", metrics);
            details.put("sliceMetrics", sliceMetrics);
            details.put("idempotencyKey", UUID.randomUUID().toString());
            return new AuditRecord(ACTOR, "version.submitted", AuditSubject.modelVersion(model, version), details,
                    UUID.randomUUID().toString());
        }

        /** The canonical form's size in bytes (what is hashed), for the report. */
        int canonicalBytes() {
            var record = next("bench-audit-w16-15", 12345);
            var event = new AuditEvent(12345, Instant.now(), record.actor(), record.action(), record.subject(),
                    record.details(), record.correlation(), AuditEvent.GENESIS_HASH, null);
            return CanonicalForm.of(event).getBytes(StandardCharsets.UTF_8).length;
        }

        private static Map<String, Object> map(String json) {
            try {
                return JSON.readValue(json, new TypeReference<Map<String, Object>>() {
                });
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Checks, verification, checkpoints

    /** The events, their highest sequence number and the head must all equal the successful appends. */
    private void checkCounts(String when) throws SQLException {
        try (var connection = connect();
                var statement = connection.createStatement();
                var rs = statement.executeQuery("SELECT count(*), coalesce(max(sequence), 0),"
                        + " (SELECT last_sequence FROM audit_chain_head WHERE id = 1) FROM audit_events")) {
            rs.next();
            long count = rs.getLong(1);
            long max = rs.getLong(2);
            long head = rs.getLong(3);
            if (count != appended || max != appended || head != appended) {
                fail(when + ": " + appended + " appends succeeded, but audit_events holds " + count
                        + " events (highest sequence " + max + ") and the head says " + head);
            } else {
                chainChecks.add(when + ": " + count + " events = successful appends = head's last_sequence");
            }
        }
    }

    private void verifyChain(String what) throws SQLException {
        verifyChain(what, trail);
    }

    /** Verification as it was before the fast path: every event decoded, then hashed by {@link CanonicalForm}. */
    private static final class ReferenceVerification {

        private final JdbcAuditTrail reading;

        ReferenceVerification(javax.sql.DataSource dataSource) {
            this.reading = new JdbcAuditTrail(dataSource, Clock.systemUTC(), 1);
        }

        org.modelops.audit.ChainVerification verify() {
            var verifier = org.modelops.audit.ChainVerifier.fromGenesis();
            reading.forEach(AuditQuery.ALL, verifier::accept);
            return verifier.result();
        }
    }

    private void verifyChain(String what, ReferenceVerification reference) throws SQLException {
        chainRow(what, inTransaction(reference::verify));
    }

    private void verifyChain(String what, JdbcAuditTrail verifying) throws SQLException {
        progress(what + " (" + appended + " events)");
        chainRow(what, inTransaction(() -> verifying.verify(null, null, signer.publicKey())));
    }

    private void chainRow(String what, Timed<org.modelops.audit.ChainVerification> result) {
        var verification = result.value();
        var row = new ChainRow(what, verification.checked(), result.nanos(), result.cpuNanos());
        chainRows.add(row);
        progress(String.format(Locale.ROOT, "    %s: %d events in %.2f s, %.0f events/s",
                verification.ok() ? "intact" : "BROKEN", verification.checked(), row.seconds(), row.perSecond()));
        if (!verification.ok()) {
            fail(what + ": the chain is BROKEN at sequence " + verification.firstBrokenSequence() + ": "
                    + verification.problem());
        } else if (verification.checked() != appended) {
            fail(what + ": verification checked " + verification.checked() + " events, but " + appended
                    + " appends succeeded");
        } else {
            chainChecks.add(what + ": intact, " + verification.checked() + " events checked");
        }
    }

    /** Streams and decodes every event as verification does, without hashing: the read side of verification. */
    private void readOnly() throws SQLException {
        progress("reading the whole chain without verifying it");
        var counted = new long[1];
        var result = inTransaction(() -> {
            trail.forEach(AuditQuery.ALL, event -> ++counted[0] > 0);
            return counted[0];
        });
        chainRows.add(new ChainRow("read and decode whole chain, no hashing", result.value(), result.nanos(),
                result.cpuNanos()));
    }

    private void timeCheckpoint(String when) throws SQLException {
        var result = inTransaction(() -> trail.checkpoint(signer));
        if (result.value().isEmpty()) {
            fail(when + ": no checkpoint was written although the head advanced");
            return;
        }
        checkpointLines.add(String.format(Locale.ROOT, "checkpoint() %s (event %d): %.2f ms for reading the head,"
                + " signing, inserting and committing", when, result.value().get().sequence(), result.nanos() / 1e6));
    }

    /** {@code CheckpointSigner.sign} alone (payload and Ed25519 signature), after unmeasured ones for the JIT. */
    private void timeSignatures() {
        progress("timing " + SIGNATURES + " checkpoint signatures after " + UNMEASURED_SIGNATURES + " unmeasured");
        var hash = "ab".repeat(32);
        for (int i = 0; i < UNMEASURED_SIGNATURES; i++) {
            signer.sign(appended, hash, Instant.now());
        }
        var nanos = new long[SIGNATURES];
        for (int i = 0; i < SIGNATURES; i++) {
            long start = System.nanoTime();
            signer.sign(appended, hash, Instant.now());
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        checkpointLines.add(String.format(Locale.ROOT, "Ed25519 signature of a checkpoint payload"
                + " (`CheckpointSigner.sign`, JDK provider): p50 %.0f µs, p99 %.0f µs over %d signatures after %d"
                + " unmeasured", nanos[SIGNATURES / 2 - 1] / 1e3, nanos[(int) Math.ceil(0.99 * SIGNATURES) - 1] / 1e3,
                SIGNATURES, UNMEASURED_SIGNATURES));
    }

    private record Timed<T>(T value, long nanos, long cpuNanos) {
    }

    private interface Work<T> {
        T run();
    }

    /** Runs {@code work} in one transaction of this thread (autocommit off: verification streams with a cursor). */
    private <T> Timed<T> inTransaction(Work<T> work) throws SQLException {
        try (var connection = connect()) {
            connection.setAutoCommit(false);
            transactions.bind(connection);
            long cpu = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            T value = work.run();
            connection.commit();
            return new Timed<>(value, System.nanoTime() - start, THREADS.getCurrentThreadCpuTime() - cpu);
        } finally {
            transactions.unbind();
        }
    }

    private void fail(String problem) {
        problems.add(problem);
        System.err.println("!!! FAILED: " + problem);
    }

    private static String describe(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof SQLException)) {
            cause = cause.getCause();
        }
        if (cause instanceof SQLException sql) {
            return "SQL " + sql.getSQLState() + ": " + sql.getMessage();
        }
        return e.toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Report

    private String report(OffsetDateTime started) {
        var md = new StringBuilder();
        md.append("# Audit trail: appends and verification\n\n");
        SystemInfo.appendHeader(md, started,
                SystemInfo.postgres(options.jdbcUrl(), options.dbUser(), options.dbPassword()), loadAtStart);
        md.append("- PostgreSQL settings: ").append(postgresSettings()).append('\n');
        md.append("- Database: ").append(options.jdbcUrl()).append("; audit tables dropped and created from ")
                .append(String.join(" and ", MIGRATIONS)).append('\n');
        md.append("- Settings: writers ")
                .append(options.writers().stream().map(String::valueOf).collect(Collectors.joining(",")))
                .append("; ").append(options.warmup()).append(" s warm-up + ").append(options.seconds())
                .append(" s measured per level; chain topped up to at least ").append(options.verifyEvents())
                .append(" events, ").append(options.batch()).append(" appends per transaction\n");
        md.append("- Event: `version.submitted` with the service's 9 detail keys (digests, code commit, metrics and"
                + " slice-metrics maps, Idempotency-Key); canonical form ").append(events.canonicalBytes())
                .append(" bytes\n");
        if (options.note() != null) {
            md.append("- Note: ").append(options.note()).append('\n');
        }
        md.append('\n');
        md.append("| what | writers | ops | ops/s | p50 ms | p99 ms | max ms | errors | WAL syncs per append |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var row : appendRows) {
            var m = row.measurement();
            md.append(String.format(Locale.ROOT,
                    "| %s | %d | %d | %.1f | %.2f | %.2f | %.2f | %d%s | %.2f |\n", row.mode().label, m.clients(),
                    m.ops(), m.opsPerSecond(), m.percentileMillis(0.50), m.percentileMillis(0.99), m.maxMillis(),
                    m.errors(), row.problems().isEmpty() ? "" : " ⚠", row.walSyncsPerAppend()));
        }
        md.append('\n');
        md.append("| what | events | seconds | events/s | JVM thread CPU s |\n");
        md.append("|---|---:|---:|---:|---:|\n");
        for (var row : chainRows) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.0f | %.2f |\n", row.what(), row.events(),
                    row.seconds(), row.perSecond(), row.cpuNanos() / 1e9));
        }
        md.append('\n');
        checkpointLines.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append(
                """
                        - **record + commit + group seal** (the service's path since V95): `JdbcAuditTrail.writePending` \
                        (one `INSERT` into `audit_pending`, no shared lock) and `COMMIT`, then `AuditSealer.sealThrough`: \
                        the first writer in seals every committed pending event in one transaction (head `FOR UPDATE`, \
                        hashes, `INSERT … SELECT` into `audit_events`, `DELETE` from `audit_pending`, head `UPDATE`, \
                        `COMMIT`) on the sealer's own connection while the others wait for it; an operation ends when its \
                        event is in the chain. **append + commit (head locked through the commit)**: \
                        `JdbcAuditTrail.append` (head row `SELECT … FOR UPDATE`, hash of the canonical form, `INSERT` of \
                        the event, `UPDATE` of the head) and `COMMIT` in the writer's transaction, as before V95. One \
                        transaction per operation, one connection per writer, all writers on one chain. Latency: wall-clock per operation \
                        at the client, completed within the measured period; percentiles are nearest-rank. *WAL syncs per \
                        append*: the cluster's `pg_stat_wal.wal_sync` increase over warm-up and measured period divided \
                        by the appends in it (cluster-wide, so other databases' commits count too; 1.00 means no group \
                        commit).
                        - **verify whole chain**: `JdbcAuditTrail.verify(null, null, publicKey)` in one transaction: streams \
                        every event in sequence order (fetch size 500), recomputes its hash and links, then checks every \
                        signed checkpoint. **read and decode**: the same stream and decoding without hashing.
                        - The benchmark, its JVM and PostgreSQL share this machine.
                        """);
        md.append("\nChain checks:\n\n");
        chainChecks.forEach(check -> md.append("- ").append(check).append('\n'));
        if (!problems.isEmpty()) {
            md.append("\n## Problems (the numbers are not valid)\n\n");
            problems.forEach(problem -> md.append("- ").append(problem.replace("|", "\\|")).append('\n'));
        }
        return md.toString();
    }

    private String postgresSettings() {
        var names = List.of("synchronous_commit", "fsync", "wal_sync_method", "commit_delay", "shared_buffers");
        try (var connection = connect();
                var query = connection.prepareStatement(
                        "SELECT name, current_setting(name) FROM unnest(?::text[]) WITH ORDINALITY AS s (name, n)"
                                + " ORDER BY n")) {
            query.setArray(1, connection.createArrayOf("text", names.toArray()));
            var settings = new ArrayList<String>();
            try (var rs = query.executeQuery()) {
                while (rs.next()) {
                    settings.add(rs.getString(1) + "=" + rs.getString(2));
                }
            }
            return String.join(", ", settings);
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private Path write(String markdown) throws IOException {
        Files.createDirectories(options.outDir());
        var file = options.outDir().resolve("audit-" + stamp + ".md").toAbsolutePath().normalize();
        Files.writeString(file, markdown, StandardCharsets.UTF_8);
        return file;
    }

    private static void progress(String message) {
        System.err.println("==> " + message);
    }
}
