package org.modelops.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.modelops.audit.AuditActor;
import org.modelops.audit.AuditEvent;
import org.modelops.audit.AuditSubject;
import org.modelops.audit.CanonicalForm;
import org.modelops.audit.JdbcAuditTrail;
import org.postgresql.PGConnection;

/**
 * Grows a governance database to a given size, so that the benchmarks can measure the service on a database that
 * has history, not only on an empty one. Three phases, each recorded in the table {@code bench_preload} when done, so
 * that a second run skips what is there (and a run stopped half-way resumes):
 * <ol>
 * <li><b>registry</b>: models ({@code preload-c…} with a champion, {@code preload-l…} without) and their past versions,
 * in finished states (SUPERSEDED, REJECTED, RETIRED, one CHAMPION per {@code preload-c} model with its deployment),
 * with the same evidence JSON a submission stores and the pinned policy the service published; loaded with COPY;</li>
 * <li><b>audit</b>: hash-chained audit events about those versions (submitted, policy pinned, state changes, verdicts,
 * approval decided), sealed with the audit module's {@link CanonicalForm} and appended with COPY after the chain's
 * head, under its row lock, in batches: the service may run meanwhile;</li>
 * <li><b>lifecycles</b>: open lifecycles created by the service itself, by submitting versions of the
 * {@code preload-l} models through its API ({@code POST /api/v1/models/{name}/versions}): each is a real instance of
 * the real BPMN that the service's job executor validates and compares, then waits at the approval user task with
 * its reminder and escalation timers. The phase ends when all of them wait there.</li>
 * </ol>
 * Then the whole chain is verified with the audit module's {@link JdbcAuditTrail#verify} (as the service's
 * {@code GET /api/v1/audit/verify} does).
 */
public final class Preloader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS_PER_VERSION = 10;
    private static final int AUDIT_BATCH = 50_000;
    private static final AuditActor CI = new AuditActor("service-account-ci-pipeline", "service-account-ci-pipeline",
            List.of("ci-pipeline"));
    private static final AuditActor APPROVER = new AuditActor("preload-approver", "dana", List.of("domain-expert"));

    /** What to load. */
    record Sizes(int models, int versions, long auditEvents, int lifecycles) {

        static final Sizes FULL = new Sizes(2_000, 100_000, 1_000_000, 10_000);
        static final Sizes QUICK = new Sizes(200, 10_000, 100_000, 1_000);

        int lifecycleModels() {
            return Math.max(1, Math.min(models / 2, lifecycles));
        }

        int championModels() {
            return models - lifecycleModels();
        }

        int bulkVersions() {
            return versions - lifecycles;
        }

        String text() {
            return String.format(Locale.ROOT, "models=%d versions=%d auditEvents=%d lifecycles=%d", models, versions,
                    auditEvents, lifecycles);
        }
    }

    private final PreloadOptions options;
    private final Sizes sizes;
    private final Payload payload = new Payload();
    private final Map<String, String> report = new LinkedHashMap<>();

    Preloader(PreloadOptions options) {
        this.options = options;
        this.sizes = options.sizes();
    }

    public static void main(String[] args) {
        PreloadOptions options;
        try {
            options = PreloadOptions.parse(args);
        } catch (Options.UsageException e) {
            if (e.getMessage() == null) {
                System.out.print(PreloadOptions.USAGE);
                System.exit(0);
            }
            System.err.println("ERROR: " + e.getMessage());
            System.err.print(PreloadOptions.USAGE);
            System.exit(1);
            return;
        }
        try {
            System.exit(new Preloader(options).run());
        } catch (Exception e) {
            System.err.println("ERROR: the pre-load failed: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    private int run() throws Exception {
        if (options.ownerPassword() != null) {
            int applied = Migrations.apply(options.jdbcUrl(), options.owner(), options.ownerPassword(),
                    options.migrations());
            if (applied > 0) {
                progress("applied " + applied + " migration(s) to " + options.jdbcUrl());
            }
        }
        try (var connection = connect()) {
            requireSchema(connection);
            createMarkerTable(connection);
            var loaded = marker(connection, "sizes");
            if (loaded != null && !loaded.equals(sizes.text())) {
                throw new IllegalStateException(options.jdbcUrl() + " was pre-loaded with " + loaded + ", not "
                        + sizes.text() + ": use another database, or recreate this one");
            }
            if (marker(connection, "complete") != null) {
                progress("already pre-loaded (" + loaded + "), nothing to do: " + marker(connection, "complete"));
                return 0;
            }
            if (options.check()) {
                progress("not pre-loaded yet" + (loaded == null ? "" : " (partly: " + loaded + ")"));
                return 3;
            }
            if (loaded == null) {
                setMarker(connection, "sizes", sizes.text());
            }
        }
        long start = System.nanoTime();
        registry();
        audit();
        lifecycles();
        verify();
        report.put("this run", seconds(start));
        try (var connection = connect()) {
            // a resumed load reports the phases earlier runs did, as they recorded them
            report.putIfAbsent("registry load", marker(connection, "registry"));
            report.putIfAbsent("audit load", marker(connection, "audit"));
            report.putIfAbsent("lifecycles", marker(connection, "lifecycles"));
            report.putAll(counts(connection));
            setMarker(connection, "complete", JSON.writeValueAsString(report));
        }
        progress("pre-load complete:");
        report.forEach((key, value) -> System.err.println("    " + key + ": " + value));
        return 0;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Registry

    private void registry() throws Exception {
        try (var connection = connect()) {
            if (marker(connection, "registry") != null) {
                progress("registry: already loaded (" + marker(connection, "registry") + ")");
                return;
            }
            long start = System.nanoTime();
            progress(String.format(Locale.ROOT, "registry: %d models, %d past versions (COPY)", sizes.models(),
                    sizes.bulkVersions()));
            connection.setAutoCommit(false);
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            var policies = policies(connection);
            var models = new StringBuilder();
            var created = Instant.now().minus(Duration.ofDays(400)).truncatedTo(ChronoUnit.MICROS);
            for (int m = 0; m < sizes.models(); m++) {
                var tier = m < sizes.championModels() ? new String[]{"LOW", "MEDIUM", "HIGH"}[m % 3] : "LOW";
                row(models, modelName(m), "Pre-loaded model for the growth benchmarks.", "team-" + (m % 20), tier,
                        "{\"preload\":\"true\"}", created.toString(), "preload");
            }
            copy.copyIn("COPY registered_models (name, description, owner_team, risk_tier, tags,"
                    + " created_at, created_by) FROM STDIN", new StringReader(models.toString()));
            var ids = new HashMap<String, Long>();
            try (var statement = connection.createStatement();
                    var rs = statement.executeQuery("SELECT name, id FROM registered_models"
                            + " WHERE name LIKE 'preload-%'")) {
                while (rs.next()) {
                    ids.put(rs.getString(1), rs.getLong(2));
                }
            }
            var counters = new StringBuilder();
            for (int m = 0; m < sizes.models(); m++) {
                row(counters, Long.toString(ids.get(modelName(m))), Integer.toString(bulkVersionsOf(m)));
            }
            copy.copyIn("COPY model_version_counters (model_id, latest_version) FROM STDIN",
                    new StringReader(counters.toString()));
            var versions = new StringBuilder();
            var deployments = new StringBuilder();
            long rows = 0;
            for (int m = 0; m < sizes.models(); m++) {
                var name = modelName(m);
                long id = ids.get(name);
                var tier = m < sizes.championModels() ? new String[]{"LOW", "MEDIUM", "HIGH"}[m % 3] : "LOW";
                var policy = policies.get(tier);
                int count = bulkVersionsOf(m);
                for (int v = 1; v <= count; v++) {
                    var state = finalState(m, v, count);
                    row(versions, Long.toString(id), Integer.toString(v), state, Payload.artifactUri(name, v),
                            Payload.randomSha256(), payload.framework, payload.description, payload.intendedUse,
                            payload.trainingDataJson, payload.evaluationDataJson, payload.codeJson, payload.paramsJson,
                            payload.metricsJson, payload.sliceMetricsJson, payload.tagsJson,
                            "service-account-ci-pipeline", submittedAt(m, v).toString(),
                            policy == null ? null : policy[0], policy == null ? null : policy[1],
                            policy == null ? null : policy[2], state.equals("REJECTED") ? "approval: rejected" : null);
                    if (state.equals("CHAMPION")) {
                        row(deployments, Long.toString(id), Integer.toString(v), "100");
                    }
                    rows++;
                }
                if (versions.length() > 8_000_000) {
                    copyVersions(copy, versions);
                }
            }
            copyVersions(copy, versions);
            copy.copyIn("COPY model_deployments (model_id, version, share_percent) FROM STDIN",
                    new StringReader(deployments.toString()));
            var done = rows + " versions, " + seconds(start);
            setMarker(connection, "registry", done);
            connection.commit();
            report.put("registry load", done);
            progress("    " + done);
        }
    }

    private static void copyVersions(org.postgresql.copy.CopyManager copy, StringBuilder rows)
            throws SQLException, IOException {
        if (rows.isEmpty()) {
            return;
        }
        copy.copyIn("COPY model_versions (model_id, version, state, artifact_uri, artifact_sha256, framework,"
                + " description, intended_use, training_data, evaluation_data, code, params, metrics, slice_metrics,"
                + " tags, submitted_by, submitted_at, policy_name, policy_version, policy_sha256, state_reason)"
                + " FROM STDIN", new StringReader(rows.toString()));
        rows.setLength(0);
    }

    /** The policy each risk tier's versions are pinned to: name, version, digest (as the service published it). */
    private static Map<String, String[]> policies(Connection connection) throws SQLException {
        var byTier = new HashMap<String, String[]>();
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery("SELECT DISTINCT ON (name) name, version, sha256 FROM policy_versions"
                        + " ORDER BY name, version DESC")) {
            while (rs.next()) {
                var tier = switch (rs.getString(1)) {
                    case "low-risk" -> "LOW";
                    case "medium-risk" -> "MEDIUM";
                    case "high-risk" -> "HIGH";
                    default -> null;
                };
                if (tier != null) {
                    byTier.put(tier, new String[]{rs.getString(1), Integer.toString(rs.getInt(2)), rs.getString(3)});
                }
            }
        }
        return byTier;
    }

    /** {@code preload-c…}: models with a champion; {@code preload-l…}: the models the open lifecycles go to. */
    private String modelName(int m) {
        return m < sizes.championModels()
                ? String.format(Locale.ROOT, "preload-c%05d", m + 1)
                : String.format(Locale.ROOT, "preload-l%05d", m - sizes.championModels() + 1);
    }

    private int bulkVersionsOf(int m) {
        int base = sizes.bulkVersions() / sizes.models();
        return base + (m < sizes.bulkVersions() % sizes.models() ? 1 : 0);
    }

    /** A finished state: the newest version of a champion model serves, earlier ones were superseded or refused. */
    private String finalState(int m, int v, int count) {
        if (m < sizes.championModels() && v == count) {
            return "CHAMPION";
        }
        if (v % 7 == 0) {
            return "RETIRED";
        }
        if (v % 3 == 0 || m >= sizes.championModels()) {
            return v % 2 == 0 ? "REJECTED" : "RETIRED";
        }
        return "SUPERSEDED";
    }

    private Instant submittedAt(int m, int v) {
        return Instant.now().minus(Duration.ofDays(365)).plus(Duration.ofMinutes(5L * v + m % 60))
                .truncatedTo(ChronoUnit.MICROS);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Audit

    private void audit() throws Exception {
        long loaded;
        try (var connection = connect()) {
            var done = marker(connection, "audit");
            if (done != null && done.startsWith("done")) {
                progress("audit: already loaded (" + done + ")");
                return;
            }
            loaded = done == null ? 0 : Long.parseLong(done.split(" ")[0]);
        }
        long target = sizes.auditEvents();
        progress(String.format(Locale.ROOT, "audit: %d chained events (%d there), sealed with CanonicalForm, COPY in"
                + " batches of %d under the chain head's lock", target, loaded, AUDIT_BATCH));
        long start = System.nanoTime();
        long first = loaded;
        var origin = Instant.now().minus(Duration.ofDays(366)).truncatedTo(ChronoUnit.MICROS);
        var prefix = versionPrefix();
        try (var connection = connect()) {
            connection.setAutoCommit(false);
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            while (loaded < target) {
                long batch = Math.min(AUDIT_BATCH, target - loaded);
                long sequence;
                String previous;
                try (var statement = connection.createStatement();
                        var rs = statement.executeQuery("SELECT last_sequence, last_hash FROM audit_chain_head"
                                + " WHERE id = 1 FOR UPDATE")) {
                    rs.next();
                    sequence = rs.getLong(1);
                    previous = rs.getString(2);
                }
                var rows = new StringBuilder((int) batch * 700);
                for (long i = loaded; i < loaded + batch; i++) {
                    var event = eventAt(i, target, origin, prefix, ++sequence, previous);
                    auditRow(rows, event);
                    previous = event.hash();
                }
                copy.copyIn("COPY audit_events (sequence, occurred_at, actor_subject, actor_username, actor_roles,"
                        + " action, subject_type, subject_id, details, correlation, previous_hash, hash, event_id)"
                        + " FROM STDIN", new StringReader(rows.toString()));
                try (var head = connection.prepareStatement(
                        "UPDATE audit_chain_head SET last_sequence = ?, last_hash = ? WHERE id = 1")) {
                    head.setLong(1, sequence);
                    head.setString(2, previous);
                    head.executeUpdate();
                }
                loaded += batch;
                setMarker(connection, "audit", loaded + " of " + target);
                connection.commit();
                if (loaded % 200_000 == 0 || loaded == target) {
                    progress(String.format(Locale.ROOT, "    %d events, %s", loaded, seconds(start)));
                }
            }
            var done = "done: " + (target - first) + " events in " + seconds(start);
            setMarker(connection, "audit", done);
            connection.commit();
            report.put("audit load", done);
        }
    }

    /** Prefix sums of the past versions per model: model m has versions prefix[m]+1 … prefix[m+1] of the whole list. */
    long[] versionPrefix() {
        var prefix = new long[sizes.models() + 1];
        for (int m = 0; m < sizes.models(); m++) {
            prefix[m + 1] = prefix[m] + bulkVersionsOf(m);
        }
        return prefix;
    }

    /**
     * The {@code i}-th of {@code target} loaded events, sealed after {@code previous} at {@code sequence}: step
     * {@code i % 10} of the history of past version {@code i / 10} (cycling), at a time spread over the past year.
     */
    AuditEvent eventAt(long i, long target, Instant origin, long[] prefix, long sequence, String previous) {
        long index = (i / EVENTS_PER_VERSION) % prefix[sizes.models()];
        int found = Arrays.binarySearch(prefix, index);
        int m = found >= 0 ? found : -found - 2;
        while (prefix[m + 1] <= index) {
            m++;
        }
        int v = (int) (index - prefix[m]) + 1;
        long micros = Duration.ofDays(365).toNanos() / 1_000 * i / Math.max(1, target);
        var occurred = origin.plus(micros, ChronoUnit.MICROS);
        return event(sequence, occurred, m, v, (int) (i % EVENTS_PER_VERSION), previous);
    }

    private AuditEvent event(long sequence, Instant occurred, int m, int v, int step, String previous) {
        var name = modelName(m);
        int count = bulkVersionsOf(m);
        var state = finalState(m, v, count);
        boolean rejected = state.equals("REJECTED");
        AuditActor actor = AuditActor.SYSTEM;
        var details = new LinkedHashMap<String, Object>();
        switch (step) {
            case 0 -> {
                actor = CI;
                details.put("artifactUri", Payload.artifactUri(name, v));
                details.put("artifactSha256", Payload.randomSha256());
                details.put("framework", payload.framework);
            }
            case 1 -> {
                details.put("policy", "low-risk");
                details.put("policyVersion", 1);
            }
            case 2 -> stateChange(details, "REGISTERED", "VALIDATING");
            case 3 -> {
                details.put("passed", true);
                details.put("policy", "low-risk");
            }
            case 4 -> stateChange(details, "VALIDATING", "CHALLENGING");
            case 5 -> {
                details.put("outcome", "PASSED");
                details.put("primaryMetric", "auc");
                details.put("candidate", 0.89);
            }
            case 6 -> stateChange(details, "CHALLENGING", "PENDING_APPROVAL");
            case 7 -> {
                actor = APPROVER;
                details.put("decision", rejected ? "REJECT" : "APPROVE");
                details.put("comment", rejected ? "Not on this evidence." : "Looks good.");
            }
            case 8 -> stateChange(details, "PENDING_APPROVAL", rejected ? "REJECTED" : "APPROVED");
            default -> stateChange(details, rejected ? "REJECTED" : "APPROVED", state);
        }
        var action = switch (step) {
            case 0 -> "version.submitted";
            case 1 -> "policy.pinned";
            case 3 -> "verdict.validation";
            case 5 -> "verdict.challenge";
            case 7 -> "approval.decided";
            default -> "version.state-changed";
        };
        var unsealed = new AuditEvent(sequence, occurred, actor, action, AuditSubject.modelVersion(name, v), details,
                null, previous, null);
        return new AuditEvent(sequence, occurred, actor, action, unsealed.subject(), details, null, previous,
                CanonicalForm.hash(unsealed));
    }

    private static void stateChange(Map<String, Object> details, String from, String to) {
        details.put("from", from);
        details.put("to", to);
    }

    private static void auditRow(StringBuilder rows, AuditEvent event) {
        String details;
        try {
            details = JSON.writeValueAsString(event.details());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        row(rows, Long.toString(event.sequence()), CanonicalForm.formatTime(event.occurredAt()),
                event.actor().subject(), event.actor().username(), "{" + String.join(",", event.actor().roles()) + "}",
                event.action(), event.subject().type(), event.subject().id(), details, event.correlation(),
                event.previousHash(), event.hash(), UUID.randomUUID().toString());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Lifecycles

    private void lifecycles() throws Exception {
        try (var connection = connect()) {
            if (marker(connection, "lifecycles") != null) {
                progress("lifecycles: already there (" + marker(connection, "lifecycles") + ")");
                return;
            }
        }
        if (options.serviceUrl() == null) {
            throw new IllegalStateException("the lifecycles phase needs the service running on this database:"
                    + " --service-url URL");
        }
        long start = System.nanoTime();
        var api = new ApiTarget(options.apiOptions(), payload, options.serviceUrl());
        api.token();
        int models = sizes.lifecycleModels();
        int submitted;
        try (var connection = connect()) {
            submitted = (int) count(connection, "SELECT count(*) FROM model_versions v JOIN registered_models m"
                    + " ON m.id = v.model_id WHERE m.name LIKE 'preload-l%' AND v.lifecycle_id IS NOT NULL");
        }
        int missing = sizes.lifecycles() - submitted;
        progress(String.format(Locale.ROOT, "lifecycles: %d open lifecycles through %s on %d models (%d there),"
                + " %d clients", sizes.lifecycles(), options.serviceUrl(), models, submitted, options.clients()));
        var next = new AtomicInteger(submitted);
        var errors = new ConcurrentLinkedQueue<String>();
        try (var pool = Executors.newFixedThreadPool(options.clients())) {
            for (int c = 0; c < options.clients(); c++) {
                pool.submit(() -> {
                    var client = ApiTarget.newClient();
                    int i;
                    while ((i = next.getAndIncrement()) < sizes.lifecycles() && errors.size() < 20) {
                        var model = modelName(sizes.championModels() + i % models);
                        try {
                            var request = HttpRequest.newBuilder(URI.create(options.serviceUrl() + "/api/v1/models/"
                                    + model + "/versions")).timeout(Duration.ofSeconds(60))
                                    .header("Authorization", "Bearer " + api.token())
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(payload.apiBody(model, 1_000_000L + i)))
                                    .build();
                            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() != 201) {
                                errors.add(model + ": HTTP " + response.statusCode() + " "
                                        + ApiTarget.abbreviate(response.body()));
                            }
                        } catch (IOException | InterruptedException e) {
                            errors.add(model + ": " + e);
                        }
                        if ((i + 1) % 1_000 == 0) {
                            progress(String.format(Locale.ROOT, "    %d submitted, %s", i + 1, seconds(start)));
                        }
                    }
                    return null;
                });
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("submissions failed: " + String.join(" | ", errors));
        }
        var submittedIn = seconds(start);
        progress("    all submitted in " + submittedIn + "; waiting until every lifecycle waits for its approval");
        long waiting = 0;
        long timers = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(options.waitMinutes()).toNanos();
        long lastReport = 0;
        try (var connection = connect()) {
            while (true) {
                waiting = count(connection, "SELECT count(*) FROM model_versions v JOIN registered_models m"
                        + " ON m.id = v.model_id WHERE m.name LIKE 'preload-l%' AND v.state = 'PENDING_APPROVAL'");
                timers = count(connection, "SELECT count(*) FROM act_ru_timer_job j JOIN act_ru_execution e"
                        + " ON e.id_ = j.execution_id_ WHERE e.act_id_ IN ('approvalReminder', 'approvalEscalation')");
                if (waiting >= sizes.lifecycles() && timers >= 2L * sizes.lifecycles()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("after " + options.waitMinutes() + " min only " + waiting + " of "
                            + sizes.lifecycles() + " lifecycles wait for approval (" + timers + " timers);"
                            + " see the service's log");
                }
                if (System.nanoTime() - lastReport > Duration.ofSeconds(30).toNanos()) {
                    progress(String.format(Locale.ROOT, "    %d waiting for approval, %d timers, %s", waiting,
                            timers, seconds(start)));
                    lastReport = System.nanoTime();
                }
                Thread.sleep(2_000);
            }
            var done = String.format(Locale.ROOT, "%d waiting for approval with %d timers; submitted in %s, all"
                    + " waiting after %s", waiting, timers, submittedIn, seconds(start));
            setMarker(connection, "lifecycles", done);
            report.put("lifecycles", done);
            progress("    " + done);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Verification

    private void verify() throws Exception {
        progress("verifying the whole audit chain (JdbcAuditTrail.verify, as GET /api/v1/audit/verify)");
        long start = System.nanoTime();
        var transactions = new ThreadConnectionDataSource();
        var trail = new JdbcAuditTrail(transactions, Clock.systemUTC(), Math.max(1,
                Runtime.getRuntime().availableProcessors()));
        try (var connection = connect()) {
            connection.setAutoCommit(false);
            transactions.bind(connection);
            var result = trail.verify(null, null, null);
            connection.commit();
            if (!result.ok()) {
                throw new IllegalStateException("the audit chain is broken: " + result);
            }
            var done = result.checked() + " events intact, " + seconds(start);
            report.put("chain verified", done);
            progress("    " + done);
        } finally {
            transactions.unbind();
        }
        if (options.serviceUrl() != null && options.verifier() != null) {
            verifyThroughService();
        }
    }

    /** The same verification through the service's own endpoint, as a compliance officer (password grant). */
    private void verifyThroughService() throws IOException, InterruptedException {
        progress("verifying it again through " + options.serviceUrl() + "/api/v1/audit/verify as "
                + options.verifier().split(":", 2)[0]);
        long start = System.nanoTime();
        var client = ApiTarget.newClient();
        var user = options.verifier().split(":", 2);
        var form = "grant_type=password&client_id=" + enc(options.verifierClient()) + "&username=" + enc(user[0])
                + "&password=" + enc(user.length > 1 ? user[1] : "");
        var tokenResponse = client.send(HttpRequest.newBuilder(URI.create(options.apiOptions().tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (tokenResponse.statusCode() != 200) {
            throw new IOException("the verifier's token request answered HTTP " + tokenResponse.statusCode() + ": "
                    + ApiTarget.abbreviate(tokenResponse.body()));
        }
        var token = JSON.readTree(tokenResponse.body()).path("access_token").asText();
        var response = client.send(HttpRequest.newBuilder(URI.create(options.serviceUrl() + "/api/v1/audit/verify"))
                .timeout(Duration.ofMinutes(10)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        var body = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        if (body == null || !body.path("ok").asBoolean(false)) {
            throw new IllegalStateException("the service's verification answered HTTP " + response.statusCode()
                    + ": " + ApiTarget.abbreviate(response.body()));
        }
        var done = body.path("checked").asLong() + " events intact (service), " + seconds(start);
        report.put("chain verified by the service", done);
        progress("    " + done);
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Map<String, String> counts(Connection connection) throws SQLException {
        var counts = new LinkedHashMap<String, String>();
        counts.put("models", Long.toString(count(connection, "SELECT count(*) FROM registered_models")));
        counts.put("versions", Long.toString(count(connection, "SELECT count(*) FROM model_versions")));
        counts.put("audit events", Long.toString(count(connection, "SELECT count(*) FROM audit_events")));
        counts.put("open lifecycles (process instances)", Long.toString(count(connection,
                "SELECT count(*) FROM act_ru_execution WHERE parent_id_ IS NULL")));
        counts.put("user tasks", Long.toString(count(connection, "SELECT count(*) FROM act_ru_task")));
        counts.put("timer jobs", Long.toString(count(connection, "SELECT count(*) FROM act_ru_timer_job")));
        counts.put("database size", text(connection, "SELECT pg_size_pretty(pg_database_size(current_database()))"));
        return counts;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers

    /**
     * A new connection; while the server has no connection slot left (SQL state 53300, on a PostgreSQL shared with
     * other work), it tries again for up to two minutes.
     */
    private Connection connect() throws SQLException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try {
                return DriverManager.getConnection(options.jdbcUrl(), options.user(), options.password());
            } catch (SQLException e) {
                if (!"53300".equals(e.getSQLState()) || System.nanoTime() > deadline) {
                    throw e;
                }
                progress("    no connection slot free on the server; trying again in 5 s");
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static void requireSchema(Connection connection) throws SQLException {
        if (count(connection, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
                + " AND tablename IN ('audit_pending', 'act_ru_execution', 'policy_versions')") < 3) {
            throw new IllegalStateException("the database has not been set up by the service (migrations, workflow"
                    + " engine, policies): start the service on it once first (deploy/bench/preload.sh does)");
        }
    }

    private static void createMarkerTable(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS bench_preload (phase VARCHAR(40) PRIMARY KEY,"
                    + " value TEXT NOT NULL, recorded_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        }
    }

    private static String marker(Connection connection, String phase) throws SQLException {
        try (var query = connection.prepareStatement("SELECT value FROM bench_preload WHERE phase = ?")) {
            query.setString(1, phase);
            try (var rs = query.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void setMarker(Connection connection, String phase, String value) throws SQLException {
        try (var upsert = connection.prepareStatement("INSERT INTO bench_preload (phase, value) VALUES (?, ?)"
                + " ON CONFLICT (phase) DO UPDATE SET value = EXCLUDED.value, recorded_at = now()")) {
            upsert.setString(1, phase);
            upsert.setString(2, value);
            upsert.executeUpdate();
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement(); var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement(); var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** One line of COPY's text format; null is {@code \N}. */
    static void row(StringBuilder out, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            var value = values[i];
            if (value == null) {
                out.append("\\N");
                continue;
            }
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                switch (ch) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(ch);
                }
            }
        }
        out.append('\n');
    }

    private static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private static void progress(String message) {
        System.err.println("==> " + message);
    }

    /** Command-line options of {@link Preloader}. */
    record PreloadOptions(String jdbcUrl, String user, String password, String owner, String ownerPassword,
            Path migrations, Sizes sizes, String serviceUrl, String[] apiArgs, int clients, int waitMinutes,
            String verifier, String verifierClient, boolean check) {

        static final String USAGE = """
                Usage: java -cp bench.jar org.modelops.bench.Preloader [options]

                  --jdbc-url URL        the database to grow (the service must have started on it once)
                  --db-user U           the service's role (default modelops)
                  --db-password P       (default $BENCH_DB_PASSWORD)
                  --db-owner U          the schema's owner, to apply pending migrations (default modelops_owner)
                  --db-owner-password P (default $BENCH_DB_OWNER_PASSWORD; none: no migration is applied here)
                  --migrations DIR      (default governance-service/src/main/resources/db/migration)
                  --size full|quick     full: 2000 models, 100000 versions, 1000000 audit events, 10000 open
                                        lifecycles (default); quick: 200, 10000, 100000, 1000
                  --models N --versions N --audit-events N --lifecycles N
                                        other sizes (versions include the open lifecycles' versions)
                  --service-url URL     the service running on that database (for the open lifecycles)
                  --token-url URL --client-id ID --client-secret S
                                        its token, as for the submission benchmark (ci-pipeline)
                  --clients 4           concurrent submissions while creating the lifecycles
                  --wait-minutes 30     how long to wait for every lifecycle to reach its approval
                  --verify-as USER:PASSWORD
                                        also verify the chain through the service's GET /api/v1/audit/verify as
                                        this compliance officer (password grant), e.g. carl:demo locally
                  --verifier-client ID  the public client for that grant (default modelops-cli)
                  --check               only tell: exit 0 when loaded, 3 when not
                """;

        static PreloadOptions parse(String[] args) {
            String jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/modelops_bench_preloaded";
            String user = "modelops";
            String password = System.getenv().getOrDefault("BENCH_DB_PASSWORD", "modelops");
            String owner = "modelops_owner";
            String ownerPassword = System.getenv("BENCH_DB_OWNER_PASSWORD");
            Path migrations = Migrations.DEFAULT_LOCATION;
            Sizes sizes = Sizes.FULL;
            Integer models = null;
            Integer versions = null;
            Long events = null;
            Integer lifecycles = null;
            String serviceUrl = null;
            var apiArgs = new ArrayList<String>();
            int clients = 4;
            int waitMinutes = 30;
            boolean check = false;
            String verifier = null;
            String verifierClient = "modelops-cli";
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--jdbc-url" -> jdbcUrl = Options.value(args, ++i, arg);
                    case "--db-user" -> user = Options.value(args, ++i, arg);
                    case "--db-password" -> password = Options.value(args, ++i, arg);
                    case "--db-owner" -> owner = Options.value(args, ++i, arg);
                    case "--db-owner-password" -> ownerPassword = Options.value(args, ++i, arg);
                    case "--migrations" -> migrations = Path.of(Options.value(args, ++i, arg));
                    case "--size" -> sizes = switch (Options.value(args, ++i, arg)) {
                        case "full" -> Sizes.FULL;
                        case "quick" -> Sizes.QUICK;
                        default -> throw new Options.UsageException("--size takes full or quick: " + args[i]);
                    };
                    case "--models" -> models = Options.positive(arg, Options.value(args, ++i, arg));
                    case "--versions" -> versions = Options.positive(arg, Options.value(args, ++i, arg));
                    case "--audit-events" -> events = (long) Options.positive(arg, Options.value(args, ++i, arg));
                    case "--lifecycles" -> lifecycles = Options.positive(arg, Options.value(args, ++i, arg));
                    case "--service-url" -> serviceUrl = Options.value(args, ++i, arg).replaceAll("/+$", "");
                    case "--token-url", "--client-id", "--client-secret" -> {
                        apiArgs.add(arg);
                        apiArgs.add(Options.value(args, ++i, arg));
                    }
                    case "--clients" -> clients = Options.positive(arg, Options.value(args, ++i, arg));
                    case "--wait-minutes" -> waitMinutes = Options.positive(arg, Options.value(args, ++i, arg));
                    case "--verify-as" -> verifier = Options.value(args, ++i, arg);
                    case "--verifier-client" -> verifierClient = Options.value(args, ++i, arg);
                    case "--check" -> check = true;
                    case "-h", "--help" -> throw new Options.UsageException(null);
                    default -> throw new Options.UsageException("unknown option " + arg);
                }
            }
            sizes = new Sizes(models != null ? models : sizes.models(), versions != null ? versions : sizes.versions(),
                    events != null ? events : sizes.auditEvents(),
                    lifecycles != null ? lifecycles : sizes.lifecycles());
            if (sizes.versions() <= sizes.lifecycles() || sizes.bulkVersions() < sizes.models()) {
                throw new Options.UsageException("--versions must leave at least one past version per model beside"
                        + " the lifecycles: " + sizes.text());
            }
            return new PreloadOptions(jdbcUrl, user, password, owner, ownerPassword, migrations, sizes, serviceUrl,
                    apiArgs.toArray(String[]::new), clients, waitMinutes, verifier, verifierClient, check);
        }

        Options apiOptions() {
            var args = new ArrayList<>(List.of(apiArgs));
            if (serviceUrl != null) {
                args.add("--service-url");
                args.add(serviceUrl);
            }
            return Options.parse(args.toArray(String[]::new));
        }
    }
}
