package org.modelops.governance.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelops.governance.monitoring.model.DriftJudge;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;

/**
 * The same traffic sent to one version as prediction records and to another as window counts (made as a collector
 * would, from the published spec alone) gives the same drift, data-quality and service windows, verdicts and series;
 * a retried batch adds nothing, and a batch id reused for other counts is refused.
 */
@MicronautTest(transactional = false)
class WindowCountsMonitoringTest extends ServiceTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final String[] SEGMENTS = {"a", "b", "c", "d"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private String model;
    private String records;
    private String counted;

    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    private static String collector() {
        return IDP.tokenFor("stream-aggregator", "collector");
    }

    @BeforeAll
    void registerTwoVersionsUnderOnePolicy() {
        model = uniqueName("counts");
        var policy = """
                name: %s
                appliesTo:
                  models: [%s]
                approvals:
                  count: 1
                  roles: [domain-expert]
                monitoring:
                  drift:
                    window: PT1H
                    minSample: 50
                    psi: { warn: 0.1, breach: 0.25 }
                    jensenShannon: { warn: 0.1, breach: 0.2 }
                    consecutive: { breaches: 1, of: 2 }
                    onBreach: [alert]
                  dataQuality:
                    window: PT1H
                    minSample: 50
                    missingRate: { warn: 0.05, breach: 0.1 }
                    outOfRangeRate: { warn: 0.02, breach: 0.05 }
                    unseenCategoryRate: { warn: 0.02, breach: 0.05 }
                    minRecords: { warn: 100, breach: 20 }
                    consecutive: { breaches: 1, of: 2 }
                    onBreach: [alert]
                  service:
                    window: PT1H
                    minSample: 50
                    errorRate: { warn: 0.01, breach: 0.05 }
                    latencyP95Ms: { warn: 200, breach: 500 }
                    consecutive: { breaches: 1, of: 2 }
                    onBreach: [alert]
                """.formatted(model, model);
        var ada = IDP.tokenFor("ada", "governance-admin");
        var published = api().post("/api/v1/policies", ada, policy, Map.of("Content-Type", "application/yaml"));
        assertThat(published.status()).as(published.body()).isIn(200, 201);
        assertThat(api().post("/api/v1/models", erin(), registration(model, "HIGH")).status()).isEqualTo(201);
        var csv = new StringBuilder("income,segment,prediction\n");
        for (int i = 0; i < 1000; i++) {
            csv.append(i).append(',').append(SEGMENTS[i % 4]).append(',').append((i % 10) / 10.0).append('\n');
        }
        for (int v = 1; v <= 2; v++) {
            assertThat(api().post("/api/v1/models/" + model + "/versions", erin(), submission(0.91)).status())
                    .isEqualTo(201);
            var uploaded = api().send("POST", "/api/v1/models/" + model + "/versions/" + v + "/baseline", erin(),
                    csv.toString(), Map.of("Content-Type", "text/csv"));
            assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        }
        records = "/api/v1/models/" + model + "/versions/1";
        counted = "/api/v1/models/" + model + "/versions/2";
    }

    private static Instant closedWindow(int hoursAgo) {
        return DriftJudge.windowStart(Instant.now(), HOUR).minus(HOUR.multipliedBy(hoursAgo));
    }

    /** One generated prediction: income missing or out of range now and then, an unseen segment, slow and failed. */
    private record Traffic(Instant time, Double income, String segment, double prediction, double latencyMs,
            boolean error) {
        static Traffic of(Instant window, int k, int shift) {
            Double income = k % 5 == 0 ? null : k % 11 == 0 ? 1500.0 : (double) ((k * shift) % 1000);
            var segment = k % 9 == 0 ? "z" : SEGMENTS[(k + shift) % 4];
            return new Traffic(window.plusSeconds(k % 3000), income, segment, ((k + shift) % 10) / 10.0,
                    k % 20 == 0 ? 900 : 40 + k % 50, k % 15 == 0);
        }
    }

    private static String recordBatch(String prefix, Instant window, int size, int shift) {
        var out = new ArrayList<String>();
        for (int k = 0; k < size; k++) {
            var t = Traffic.of(window, k, shift);
            out.add("""
                    {"id": "%s-%d", "time": "%s", "arm": "champion", "features": {"income": %s, "segment": "%s"},
                     "prediction": %s, "latencyMs": %s, "error": %s}""".formatted(prefix, k, t.time(), t.income(),
                    t.segment(), t.prediction(), t.latencyMs(), t.error()));
        }
        return "{\"records\": [" + String.join(",", out) + "]}";
    }

    /** A collector's counts of the same traffic, made from the spec alone: its edges, categories, range and histogram. */
    private static ObjectNode window(JsonNode spec, Instant window, int size, int shift) {
        var columns = new TreeMap<String, JsonNode>();
        spec.path("columns").forEach(column -> columns.put(column.path("name").asText(), column));
        var counts = new TreeMap<String, long[]>();
        columns.forEach((name, column) -> counts.put(name, new long[column.path("bins").size()]));
        long outOfRange = 0;
        long predictionOutOfRange = 0;
        long errors = 0;
        var latency = new TreeMap<Integer, Long>();
        var histogram = spec.path("windowCounts").path("latency");
        var income = columns.get("income");
        for (int k = 0; k < size; k++) {
            var t = Traffic.of(window, k, shift);
            counts.get("income")[numericBin(columns.get("income"), t.income())]++;
            counts.get("prediction")[numericBin(columns.get("prediction"), t.prediction())]++;
            counts.get("segment")[categoricalBin(columns.get("segment"), t.segment())]++;
            if (t.income() != null && (t.income() < income.path("min").asDouble()
                    || t.income() > income.path("max").asDouble())) {
                outOfRange++;
            }
            var prediction = columns.get("prediction");
            if (t.prediction() < prediction.path("min").asDouble() || t.prediction() > prediction.path("max")
                    .asDouble()) {
                predictionOutOfRange++;
            }
            errors += t.error() ? 1 : 0;
            var bin = t.latencyMs() < histogram.path("floorMs").asDouble()
                    ? 0
                    : Math.min(histogram.path("bins")
                            .asInt() - 1,
                            1 + (int) Math.floor(Math.log(t.latencyMs() / histogram.path("floorMs").asDouble())
                                    / Math.log(2) * histogram.path("perDoubling").asInt()));
            latency.merge(bin, 1L, Long::sum);
        }
        var out = JSON.createObjectNode();
        out.put("start", window.toString());
        out.put("end", window.plus(HOUR).toString());
        out.put("records", size);
        var features = out.putObject("features");
        features.set("income", JSON.valueToTree(counts.get("income")));
        features.set("segment", JSON.valueToTree(counts.get("segment")));
        out.set("prediction", JSON.valueToTree(counts.get("prediction")));
        out.putObject("outOfRange").put("income", outOfRange).put("prediction", predictionOutOfRange);
        var service = out.putObject("service");
        service.put("errors", errors);
        var bins = service.putObject("latency");
        latency.forEach((bin, count) -> bins.put(Integer.toString(bin), count));
        return out;
    }

    private static int numericBin(JsonNode column, Double value) {
        if (value == null) {
            return column.path("bins").size() - 1;
        }
        int bin = 0;
        for (var edge : column.path("edges")) {
            if (value >= edge.asDouble()) {
                bin++;
            }
        }
        return bin;
    }

    private static int categoricalBin(JsonNode column, String value) {
        var categories = column.path("categories");
        for (int i = 0; i < categories.size(); i++) {
            if (categories.get(i).asText().equals(value)) {
                return i;
            }
        }
        return categories.size();
    }

    private static String countBatch(JsonNode spec, String batchId, ObjectNode... windows) {
        var batch = JSON.createObjectNode();
        batch.put("batchId", batchId);
        batch.put("policySha256", spec.path("policy").path("sha256").asText());
        batch.put("profileSha256", spec.path("baseline").path("profileSha256").asText());
        ArrayNode list = batch.putArray("windows");
        for (var window : windows) {
            list.add(window);
        }
        return batch.toString();
    }

    /** Per signal the version's verdict and its windows, without the instant they were evaluated at. */
    private JsonNode judged(String base) {
        var status = api().get(base + "/monitoring?windows=3", dana());
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        var out = JSON.createObjectNode();
        status.json().path("signals").forEach(signal -> {
            var copy = signal.deepCopy();
            ((ObjectNode) copy).remove("evaluatedAt");
            out.set(signal.path("signal").asText(), copy);
        });
        out.set("driftWindows", status.json().path("windows"));
        out.put("verdict", status.field("verdict"));
        return out;
    }

    private long tallies(int version) {
        return Database.count("SELECT coalesce(sum(t.count), 0) FROM monitoring_window_tallies t JOIN model_versions v"
                + " ON v.id = t.version_id JOIN registered_models m ON m.id = v.model_id WHERE m.name = ?"
                + " AND v.version = ?", model, version)
                + Database.count("SELECT coalesce(sum(c.count), 0) FROM monitoring_window_counts c JOIN model_versions"
                        + " v ON v.id = c.version_id JOIN registered_models m ON m.id = v.model_id WHERE m.name = ?"
                        + " AND v.version = ?", model, version);
    }

    @Test
    void windowCountsGiveTheVerdictsAndSeriesOfTheRecordsTheyCountAndARetryAddsNothing() {
        var early = closedWindow(3);
        var late = closedWindow(2);
        for (var sent : new String[]{recordBatch("e", early, 400, 1), recordBatch("l", late, 300, 7)}) {
            var response = api().post(records + "/predictions", collector(), sent);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }
        var specResponse = api().get(counted + "/monitoring-spec", collector());
        assertThat(specResponse.status()).as(specResponse.body()).isEqualTo(200);
        var spec = specResponse.json();
        assertThat(spec.path("windowCounts").path("outOfRange").toString()).isEqualTo("[\"income\",\"prediction\"]");
        var batch = countBatch(spec, "aggregator-1/" + early, window(spec, early, 400, 1), window(spec, late, 300, 7));

        var first = api().post(counted + "/monitoring/window-counts", collector(), batch);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("duplicate").asBoolean()).isFalse();
        assertThat(first.json().path("records").asLong()).isEqualTo(700);
        assertThat(first.json().path("windows").toString()).isEqualTo("[\"" + early + "\",\"" + late + "\"]");

        var expected = judged(records);
        var actual = judged(counted);
        assertThat(expected.path("data-quality").path("verdict").asText()).as("a judged verdict, not a silent one")
                .isEqualTo("BREACH");
        assertThat(expected.path("drift").path("windows").path(0).path("start").asText()).isEqualTo(early.toString());
        assertThat(expected.path("drift").path("windows").path(0).path("verdict").asText()).isEqualTo("BREACH");
        assertThat(expected.path("service").path("windows").path(1).path("verdict").asText()).isEqualTo("BREACH");
        for (var signal : new String[]{"drift", "data-quality", "service", "driftWindows", "verdict"}) {
            assertThat(actual.path(signal)).as(signal).isEqualTo(expected.path(signal));
        }
        for (var series : new String[]{"drift&metric=income", "drift&metric=segment", "drift&metric=prediction",
                "data-quality&metric=missingRate", "data-quality&metric=outOfRangeRate",
                "data-quality&metric=unseenCategoryRate", "data-quality&metric=records", "service&metric=errorRate",
                "service&metric=latencyP95Ms"}) {
            var path = "/monitoring/series?windows=3&signal=" + series;
            var want = api().get(records + path, dana());
            var got = api().get(counted + path, dana());
            assertThat(want.status()).as(want.body()).isEqualTo(200);
            assertThat(want.json().path("points").size()).as(series).isEqualTo(3);
            assertThat(got.json()).as(series).isEqualTo(want.json());
        }

        var before = tallies(2);
        var retried = api().post(counted + "/monitoring/window-counts", collector(), batch);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().path("duplicate").asBoolean()).isTrue();
        assertThat(tallies(2)).as("a retry adds nothing").isEqualTo(before);
        assertThat(judged(counted)).isEqualTo(actual);

        var other = countBatch(spec, "aggregator-1/" + early, window(spec, early, 400, 2));
        var reused = api().post(counted + "/monitoring/window-counts", collector(), other);
        assertThat(reused.status()).as(reused.body()).isEqualTo(409);
        assertThat(reused.field("type")).isEqualTo("/problems/batch-id-reused");
        assertThat(tallies(2)).isEqualTo(before);
    }

    @Test
    void countsForAnotherPolicyOrOffTheBinsAreRefusedNamingTheField() {
        var spec = api().get(counted + "/monitoring-spec", collector()).json();
        var stale = countBatch(spec, "stale", window(spec, closedWindow(5), 10, 1))
                .replace(spec.path("policy").path("sha256").asText(), "0".repeat(64));
        var conflict = api().post(counted + "/monitoring/window-counts", collector(), stale);
        assertThat(conflict.status()).as(conflict.body()).isEqualTo(409);
        assertThat(conflict.field("type")).isEqualTo("/problems/policy-mismatch");
        assertThat(conflict.body()).contains("policySha256");

        var short_ = window(spec, closedWindow(5), 10, 1);
        short_.set("prediction", JSON.valueToTree(new long[]{10}));
        var off = api().post(counted + "/monitoring/window-counts", collector(), countBatch(spec, "off", short_));
        assertThat(off.status()).as(off.body()).isEqualTo(422);
        assertThat(off.field("type")).isEqualTo("/problems/counts-not-on-spec");
        assertThat(off.body()).contains("windows[0].prediction").contains("\"bins\"");

        var forbidden = api().post(counted + "/monitoring/window-counts", dana(), countBatch(spec, "dana",
                window(spec, closedWindow(5), 10, 1)));
        assertThat(forbidden.status()).isEqualTo(403);
    }
}
