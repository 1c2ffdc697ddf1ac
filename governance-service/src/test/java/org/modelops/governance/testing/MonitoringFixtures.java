package org.modelops.governance.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import org.modelops.governance.lifecycle.Lifecycles;
import org.modelops.governance.monitoring.model.DriftJudge;

/**
 * What the monitoring and serving tests share, through the real API: a monitored model under its own policy, versions
 * promoted by a domain expert's approval, a baseline, prediction traffic with outcomes from a collector, and reading
 * back what serves, the versions' states, the audit trail and the inbox.
 */
public final class MonitoringFixtures {

    public static final Duration HOUR = Duration.ofHours(1);
    public static final String[] SEGMENTS = {"a", "b", "c", "d"};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestIdentityProvider IDP = TestIdentityProvider.get();

    /**
     * Prediction traffic: from which arm ({@code champion}, {@code canary}), with the categorical feature
     * {@code segment} beside {@code income} or not, drifted (incomes far above the baseline's, one segment only) or
     * not, and with scores that rank the outcomes well (informative) or are unrelated to them (AUC about 0.5).
     */
    public record Traffic(String arm, boolean segments, boolean shifted, boolean informative) {

        /** Undrifted, informative traffic with both features. */
        public static Traffic from(String arm) {
            return new Traffic(arm, true, false, true);
        }

        public Traffic drifted() {
            return new Traffic(arm, segments, true, informative);
        }

        public Traffic uninformative() {
            return new Traffic(arm, segments, shifted, false);
        }

        public Traffic incomeOnly() {
            return new Traffic(arm, false, shifted, informative);
        }
    }

    private final Api api;

    public MonitoringFixtures(Api api) {
        this.api = api;
    }

    public static String collector() {
        return IDP.tokenFor("serving-logger", "collector");
    }

    /** The start of the closed window {@code hoursAgo} hours before the current one. */
    public static Instant closedWindow(int hoursAgo) {
        return DriftJudge.windowStart(Instant.now(), HOUR).minus(HOUR.multipliedBy(hoursAgo));
    }

    /** Publishes the policy (a governance admin) and registers its model (owned by erin's team). */
    public void register(MonitoringPolicy policy, String model, String riskTier) {
        var published = api.post("/api/v1/policies", Lifecycles.ada(), policy.yaml(), Map.of("Content-Type",
                "application/yaml"));
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        assertThat(api.post("/api/v1/models", ServiceTest.erin(), ServiceTest.registration(model, riskTier))
                .status()).isEqualTo(201);
    }

    /** A new version of a published policy, e.g. a staged rollout for the next version. */
    public void publish(MonitoringPolicy policy) {
        var published = api.post("/api/v1/policies", Lifecycles.ada(), policy.yaml(), Map.of("Content-Type",
                "application/yaml"));
        assertThat(published.status()).as(published.body()).isIn(200, 201);
    }

    /** Submits version {@code version} and approves it as dana, once it awaits approval. */
    public void submitAndApprove(String name, int version) {
        var submitted = api.post("/api/v1/models/" + name + "/versions", ServiceTest.erin(),
                ServiceTest.submission(0.80 + version / 100.0));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        var lifecycles = new Lifecycles(api);
        lifecycles.awaitState(name, version, "PENDING_APPROVAL");
        lifecycles.approveAs(ServiceTest.dana(), name, version);
    }

    /** Submits, approves and waits until version {@code version} is the champion. */
    public void promote(String name, int version) {
        submitAndApprove(name, version);
        new Lifecycles(api).awaitState(name, version, "CHAMPION");
    }

    /** A baseline of 1 000 rows: incomes 0..999, with four segments or without, predictions 0.0..0.9. */
    public void baseline(String name, int version, boolean segments) {
        var csv = new StringBuilder(segments ? "income,segment,prediction\n" : "income,prediction\n");
        for (int i = 0; i < 1000; i++) {
            csv.append(i).append(',');
            if (segments) {
                csv.append(SEGMENTS[i % 4]).append(',');
            }
            csv.append((i % 10) / 10.0).append('\n');
        }
        var uploaded = api.send("POST", "/api/v1/models/" + name + "/versions/" + version + "/baseline",
                ServiceTest.erin(), csv.toString(), Map.of("Content-Type", "text/csv"));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
    }

    /**
     * 300 records in each of the two latest closed windows, each with its outcome (the newer window's outcomes may not
     * have matured yet in an hour's first minute; then the older one is the latest judged).
     */
    public void traffic(String name, int version, Traffic traffic) {
        traffic(name, version, traffic, 1);
        traffic(name, version, traffic, 2);
    }

    /** 300 records, with their outcomes, in the closed window {@code hoursAgo} hours back. */
    public void traffic(String name, int version, Traffic traffic, int hoursAgo) {
        var window = closedWindow(hoursAgo);
        var records = new ArrayList<String>();
        var outcomes = new ArrayList<String>();
        for (int k = 0; k < 300; k++) {
            int outcome = (k * 31 + k / 7) % 2;
            double score = traffic.informative()
                    ? (outcome == 1 ? 0.6 : 0.4) + (k % 10) / 100.0
                    : ((k * 7919) % 10000) / 10000.0;
            var income = traffic.shifted() ? 5000 + k : k * 1000 / 300;
            var segment = traffic.segments()
                    ? ", \"segment\": \"" + (traffic.shifted() ? "d" : SEGMENTS[k % 4]) + "\""
                    : "";
            records.add("""
                    {"id": "r%d-%d", "time": "%s", "arm": "%s", "features": {"income": %d%s},
                     "prediction": %s, "score": %s}""".formatted(hoursAgo, k, window.plusSeconds(k * 10L),
                    traffic.arm(), income, segment, (k % 10) / 10.0, score));
            outcomes.add("{\"predictionId\": \"r%d-%d\", \"outcome\": %d, \"time\": \"%s\"}".formatted(hoursAgo, k,
                    outcome, Instant.now().minusSeconds(120)));
        }
        var base = "/api/v1/models/" + name + "/versions/" + version;
        var sent = api.post(base + "/predictions", collector(), "{\"records\": [" + String.join(",", records) + "]}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        var labelled = api.post(base + "/outcomes", collector(), "{\"records\": [" + String.join(",", outcomes)
                + "]}");
        assertThat(labelled.status()).as(labelled.body()).isEqualTo(200);
    }

    /** What serves now: {@code [{version, percent}]}. */
    public JsonNode serving(String name) {
        return api.get("/api/v1/models/" + name + "/deployment", ServiceTest.dana()).json().path("serving");
    }

    public String state(String name, int version) {
        return api.get("/api/v1/models/" + name + "/versions/" + version, ServiceTest.dana()).json().path("state")
                .asText();
    }

    /** How many audit events of this action the subject ({@code model} or {@code model/version}) has. */
    public static long count(String action, String subject) {
        return Database.count("SELECT count(*) FROM audit_events WHERE action = ? AND subject_id = ?", action,
                subject);
    }

    /** The details of the subject's latest audit event of this action; there must be one. */
    public static JsonNode lastEvent(String subject, String action) {
        var rows = Database.strings("SELECT details::text FROM audit_events WHERE action = ? AND subject_id = ?"
                + " ORDER BY sequence DESC LIMIT 1", action, subject);
        assertThat(rows).as("a %s event on %s", action, subject).isNotEmpty();
        try {
            return JSON.readTree(rows.getFirst());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The version's open task of this kind in the person's inbox, waiting up to 10 seconds for it. */
    public JsonNode task(String token, String name, int version, String kind) {
        var deadline = Instant.now().plus(Duration.ofSeconds(10));
        do {
            for (var task : api.get("/api/v1/tasks", token).json().path("items")) {
                if (task.path("model").asText().equals(name) && task.path("version").asInt() == version
                        && task.path("kind").asText().equals(kind)) {
                    return task;
                }
            }
            Lifecycles.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("no " + kind + " task for " + name + "/" + version);
    }

    /** Whether the person's inbox holds a task of the version now. */
    public boolean hasTask(String token, String name, int version) {
        for (var task : api.get("/api/v1/tasks", token).json().path("items")) {
            if (task.path("model").asText().equals(name) && task.path("version").asInt() == version) {
                return true;
            }
        }
        return false;
    }

    public Api.Response decide(String token, String taskId, String decision, String comment) {
        return api.post("/api/v1/tasks/" + taskId + "/decision", token,
                "{\"decision\": \"" + decision + "\", \"comment\": \"" + comment + "\"}");
    }

    /** The version's running lifecycle instances (its serving phase, or its lifecycle before). */
    public static long runningInstances(String name, int version) {
        return Database.count("SELECT count(*) FROM act_ru_execution WHERE business_key_ = ? AND parent_id_ IS NULL",
                name + "/" + version);
    }
}
