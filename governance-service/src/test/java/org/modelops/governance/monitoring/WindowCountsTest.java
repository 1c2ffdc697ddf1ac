package org.modelops.governance.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelops.governance.monitoring.MonitoringStore.BinCount;
import org.modelops.governance.monitoring.MonitoringStore.Tally;
import org.modelops.governance.monitoring.WindowCountBatch.Service;
import org.modelops.governance.monitoring.WindowCountBatch.Window;
import org.modelops.governance.monitoring.model.BaselineProfile;
import org.modelops.governance.monitoring.model.Bins;
import org.modelops.governance.monitoring.model.ServiceJudge;
import org.modelops.governance.policy.model.Policy;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.Refusal;
import org.modelops.governance.web.JsonRequests;

/** Every rule a batch of window counts is checked by, and what a valid one adds: no service, no database. */
class WindowCountsTest {

    private static final String POLICY = "a".repeat(64);
    private static final String PROFILE = "b".repeat(64);
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant DAY = Instant.parse("2026-11-30T00:00:00Z");
    private static final Policy.Consecutive ONE_OF_TWO = new Policy.Consecutive(1, 2);

    /** income: 4 bins (3 ranges, missing), range [0, 100]; segment: a, b, unseen, missing; prediction: 3 bins. */
    private static final BaselineProfile BASELINE = new BaselineProfile(1000, List.of(
            new BaselineProfile.Column("income", new Bins.Numeric(List.of(10.0, 20.0)), List.of(300L, 400L, 300L,
                    0L), 0.0, 100.0),
            new BaselineProfile.Column("segment", new Bins.Categorical(List.of("a", "b")), List.of(500L, 500L, 0L,
                    0L)),
            new BaselineProfile.Column("prediction", new Bins.Numeric(List.of(0.5)), List.of(500L, 500L, 0L))));

    private static final Policy.Drift DRIFT = new Policy.Drift(Duration.ofDays(1), 100, new Policy.Levels(0.1, 0.25),
            new Policy.Levels(0.1, 0.2), ONE_OF_TWO, List.of("alert"));
    private static final Policy.DataQuality HOURLY_QUALITY = new Policy.DataQuality(Duration.ofHours(1), 10,
            new Policy.Levels(0.05, 0.1), new Policy.Levels(0.02, 0.05), new Policy.Levels(0.02, 0.05), null,
            ONE_OF_TWO, List.of("alert"));
    private static final Policy.Service HOURLY_SERVICE = new Policy.Service(Duration.ofHours(1), 10,
            new Policy.Levels(0.01, 0.05), new Policy.Levels(200, 500), null, ONE_OF_TWO, List.of("alert"));

    private static WindowCounts.Spec spec(Policy.DataQuality quality, Policy.Service service) {
        return new WindowCounts.Spec(POLICY, new Policy.Monitoring(DRIFT, quality, null, service, null, null, null),
                BASELINE, PROFILE);
    }

    private static final WindowCounts.Spec HOURLY = spec(HOURLY_QUALITY, HOURLY_SERVICE);

    /** 100 records in the hour: income 20/30/40/10 missing, segment 50/30/15 unseen/5 missing; 3 out of range. */
    private static Window window(Instant start, Duration length) {
        return new Window(start.toString(), start.plus(length).toString(), 100, Map.of("income",
                List.of(20L, 30L, 40L, 10L), "segment", List.of(50L, 30L, 15L, 5L)), List.of(60L, 40L, 0L),
                Map.of("income", 3L), new Service(2, Map.of("70", 90L, "110", 10L)));
    }

    private static Window hour(int hour) {
        return window(DAY.plus(Duration.ofHours(hour)), Duration.ofHours(1));
    }

    private static WindowCountBatch batch(Window... windows) {
        return new WindowCountBatch("batch-1", POLICY, PROFILE, List.of(windows));
    }

    private static Refusal refused(WindowCounts.Spec spec, WindowCountBatch batch) {
        return catchThrowableOfType(Refusal.class, () -> WindowCounts.count(spec, batch, NOW));
    }

    private static FieldViolation only(Refusal refusal) {
        assertThat(refusal).isNotNull();
        assertThat(refusal.violations()).as(refusal.getMessage()).hasSize(1);
        return refusal.violations().getFirst();
    }

    private static void refusedOnSpec(Window window, String field, String rule) {
        var refusal = refused(HOURLY, batch(window));
        assertThat(refusal.kind()).as(refusal.getMessage()).isEqualTo(Refusal.Kind.UNPROCESSABLE);
        assertThat(refusal.rule()).isEqualTo("counts-not-on-spec");
        var violation = only(refusal);
        assertThat(violation.field()).isEqualTo(field);
        assertThat(violation.rule()).isEqualTo(rule);
    }

    private static Window with(Window w, Map<String, List<Long>> features, List<Long> prediction,
            Map<String, Long> outOfRange, Service service) {
        return new Window(w.start(), w.end(), w.records(), features, prediction, outOfRange, service);
    }

    private static Map<String, List<Long>> features(String name, List<Long> counts) {
        var out = new HashMap<>(hour(0).features());
        if (counts == null) {
            out.remove(name);
        } else {
            out.put(name, counts);
        }
        return out;
    }

    @Test
    void hourlyWindowsAddUpInTheDailyDriftWindowAndFeedHourlyTallies() {
        var counted = WindowCounts.count(HOURLY, batch(hour(0), hour(1)), NOW);

        assertThat(counted.windows()).containsExactly(DAY);
        assertThat(counted.records()).isEqualTo(200);
        assertThat(counted.counts()).contains(new BinCount(DAY, "income", 0, 40), new BinCount(DAY, "income", 3, 20),
                new BinCount(DAY, "segment", 2, 30), new BinCount(DAY, "prediction", 0, 120))
                .as("empty bins are not upserted").noneMatch(count -> count.count() == 0);
        assertThat(counted.counts()).hasSize(4 + 4 + 2);
        var second = DAY.plus(Duration.ofHours(1));
        assertThat(counted.tallies()).contains(
                new Tally("data-quality", second, "records", 0, 100, 0),
                new Tally("data-quality", second, "missing:income", 0, 10, 0),
                new Tally("data-quality", second, "missing:segment", 0, 5, 0),
                new Tally("data-quality", second, "unseen:segment", 0, 15, 0),
                new Tally("data-quality", second, "out-of-range:income", 0, 3, 0),
                new Tally("service", second, "records", 0, 100, 0),
                new Tally("service", second, "errors", 0, 2, 0));
        var latency = counted.tallies().stream().filter(t -> t.tally().equals("latency") && t.windowStart()
                .equals(DAY)).toList();
        assertThat(latency).extracting(Tally::bin).containsExactly(70, 110);
        assertThat(latency.getFirst().count()).isEqualTo(90);
        assertThat(latency.getFirst().total()).isEqualTo(90 * ServiceJudge.latencyOf(70));
        assertThat(counted.tallies()).as("performance needs records and outcomes")
                .noneMatch(t -> t.signal().equals("performance"));
    }

    @Test
    void talliesComeInKeyOrderSoConcurrentBatchesLockRowsInOneOrder() {
        var counted = WindowCounts.count(HOURLY, batch(hour(3), hour(1), hour(2)), NOW);
        var sorted = new ArrayList<>(counted.tallies());
        sorted.sort(java.util.Comparator.comparing(Tally::signal).thenComparing(Tally::windowStart)
                .thenComparing(Tally::tally).thenComparing(Tally::bin));
        assertThat(counted.tallies()).containsExactlyElementsOf(sorted);
    }

    @Test
    void withoutServiceCountsTheServiceIsNotFedSoSilenceIsNoPass() {
        var counted = WindowCounts.count(HOURLY, batch(with(hour(0), hour(0).features(), hour(0).prediction(),
                hour(0).outOfRange(), null)), NOW);
        assertThat(counted.tallies()).noneMatch(t -> t.signal().equals("service"));
    }

    @Test
    void aDailyWindowFeedsDailySignalsButNotAnHourlyService() {
        var daily = spec(new Policy.DataQuality(Duration.ofDays(1), 10, new Policy.Levels(0.05, 0.1), null, null,
                null, ONE_OF_TWO, List.of("alert")), HOURLY_SERVICE);
        var day = window(DAY, Duration.ofDays(1));
        var withoutService = with(day, day.features(), day.prediction(), Map.of(), null);
        assertThat(WindowCounts.count(daily, batch(withoutService), NOW).windows()).containsExactly(DAY);

        var violation = only(refused(daily, batch(day)));
        assertThat(violation.field()).isEqualTo("windows[0].end");
        assertThat(violation.rule()).isEqualTo("window-grain");
        assertThat(violation.message()).contains("service PT1H");
    }

    @Test
    void moreWindowsThanTheBoundAreRefusedAsTooLarge() {
        var windows = Collections.nCopies(WindowCounts.MAX_WINDOWS + 1, hour(0));
        var refusal = refused(HOURLY, new WindowCountBatch("big", POLICY, PROFILE, windows));
        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.TOO_LARGE);
        assertThat(only(refusal).field()).isEqualTo("windows");
        assertThat(WindowCounts.count(HOURLY, new WindowCountBatch("max", POLICY, PROFILE,
                Collections.nCopies(WindowCounts.MAX_WINDOWS, hour(0))), NOW).records()).isEqualTo(10_000);
    }

    @Test
    void countsMadeForAnotherPolicyOrProfileConflictNamingTheDigest() {
        var policy = refused(HOURLY, new WindowCountBatch("x", "c".repeat(64), PROFILE, List.of(hour(0))));
        assertThat(policy.kind()).isEqualTo(Refusal.Kind.CONFLICT);
        assertThat(policy.rule()).isEqualTo("policy-mismatch");
        assertThat(only(policy).field()).isEqualTo("policySha256");
        assertThat(policy.getMessage()).contains(POLICY);

        var profile = refused(HOURLY, new WindowCountBatch("x", POLICY, "c".repeat(64), List.of(hour(0))));
        assertThat(profile.rule()).isEqualTo("profile-mismatch");
        assertThat(only(profile).field()).isEqualTo("profileSha256");
    }

    @Test
    void timesMustBeIsoWithOffsetAndNotAhead() {
        var bad = new Window("yesterday", DAY.toString(), 0, Map.of(), null, null, null);
        var refusal = refused(HOURLY, batch(bad));
        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(only(refusal)).extracting(FieldViolation::field, FieldViolation::rule)
                .containsExactly("windows[0].start", "date-time");

        var ahead = window(Instant.parse("2026-12-01T13:00:00Z"), Duration.ofHours(1));
        assertThat(only(refused(HOURLY, batch(ahead)))).extracting(FieldViolation::field, FieldViolation::rule)
                .containsExactly("windows[0].start", "future");
    }

    @Test
    void aWindowEndsAfterItStartsIsAlignedToItsLengthAndDividesEverySignalsWindow() {
        var backwards = new Window(DAY.toString(), DAY.toString(), 100, hour(0).features(), hour(0).prediction(),
                hour(0).outOfRange(), null);
        refusedOnSpec(backwards, "windows[0].end", "after-start");
        refusedOnSpec(window(DAY, Duration.ofHours(2)), "windows[0].end", "window-grain");
        refusedOnSpec(window(DAY, Duration.ofMinutes(7)), "windows[0].end", "window-grain");
        refusedOnSpec(window(DAY.plus(Duration.ofMinutes(30)), Duration.ofHours(1)), "windows[0].start", "aligned");
        assertThat(WindowCounts.count(HOURLY, batch(window(DAY.plus(Duration.ofMinutes(30)), Duration.ofMinutes(30))),
                NOW).windows()).as("half-hour windows divide hours and days").containsExactly(DAY);
    }

    @Test
    void everyColumnOfTheSpecOnItsBinsAndNoOther() {
        var w = hour(0);
        refusedOnSpec(with(w, features("region", List.of(100L)), w.prediction(), w.outOfRange(), w.service()),
                "windows[0].features.region", "known");
        refusedOnSpec(with(w, features("prediction", List.of(60L, 40L, 0L)), w.prediction(), w.outOfRange(),
                w.service()), "windows[0].features.prediction", "known");
        refusedOnSpec(with(w, features("segment", null), w.prediction(), w.outOfRange(), w.service()),
                "windows[0].features.segment", "required");
        refusedOnSpec(with(w, w.features(), null, w.outOfRange(), w.service()), "windows[0].prediction", "required");
        refusedOnSpec(with(w, features("segment", List.of(50L, 30L, 20L)), w.prediction(), w.outOfRange(),
                w.service()), "windows[0].features.segment", "bins");
        refusedOnSpec(with(w, w.features(), List.of(60L, 40L), w.outOfRange(), w.service()), "windows[0].prediction",
                "bins");
        refusedOnSpec(with(w, features("income", List.of(20L, 30L, 40L, 11L)), w.prediction(), w.outOfRange(),
                w.service()), "windows[0].features.income", "sum-equals-records");
    }

    @Test
    void outOfRangeCountsAreForRangedNumericColumnsRequiredWhenJudgedAndAtMostTheNonMissing() {
        var w = hour(0);
        refusedOnSpec(with(w, w.features(), w.prediction(), Map.of("income", 3L, "segment", 1L), w.service()),
                "windows[0].outOfRange.segment", "known");
        refusedOnSpec(with(w, w.features(), w.prediction(), Map.of(), w.service()), "windows[0].outOfRange.income",
                "required");
        refusedOnSpec(with(w, w.features(), w.prediction(), Map.of("income", 91L), w.service()),
                "windows[0].outOfRange.income", "at-most");
        var unjudged = spec(new Policy.DataQuality(Duration.ofHours(1), 10, new Policy.Levels(0.05, 0.1), null, null,
                null, ONE_OF_TWO, List.of("alert")), HOURLY_SERVICE);
        assertThat(WindowCounts.count(unjudged, batch(with(w, w.features(), w.prediction(), Map.of(), w.service())),
                NOW).tallies()).as("not judged: not required").noneMatch(t -> t.tally().startsWith("out-of-range"));
    }

    @Test
    void serviceCountsOnlyWhenWatchedWithinTheRecordsAndOnTheHistogramsBins() {
        var w = hour(0);
        var unwatched = spec(HOURLY_QUALITY, null);
        var refusal = refused(unwatched, batch(w));
        assertThat(only(refusal)).extracting(FieldViolation::field, FieldViolation::rule)
                .containsExactly("windows[0].service", "watched");
        refusedOnSpec(with(w, w.features(), w.prediction(), w.outOfRange(), new Service(101, Map.of())),
                "windows[0].service.errors", "at-most");
        refusedOnSpec(with(w, w.features(), w.prediction(), w.outOfRange(), new Service(0, Map.of(
                Integer.toString(ServiceJudge.LATENCY_BINS), 1L))), "windows[0].service.latency."
                        + ServiceJudge.LATENCY_BINS,
                "known");
        refusedOnSpec(with(w, w.features(), w.prediction(), w.outOfRange(), new Service(0, Map.of("007", 1L))),
                "windows[0].service.latency.007", "known");
        refusedOnSpec(with(w, w.features(), w.prediction(), w.outOfRange(), new Service(0, Map.of("5", 60L, "6",
                41L))), "windows[0].service.latency", "at-most");
    }

    @Test
    void countsAreNonNegativeIntegersAndTheBodyHasNoOtherFields() {
        var requests = new JsonRequests();
        var body = """
                {"batchId": "b", "policySha256": "%s", "profileSha256": "%s", "windows": [{"start": "%s",
                 "end": "%s", "records": 1, "features": {"income": [0, -1, 1.5, 0]}, "prediction": [1, 0, 0],
                 "performance": {}}]}""".formatted(POLICY, PROFILE, DAY, DAY.plusSeconds(3600));
        var refusal = catchThrowableOfType(Refusal.class, () -> requests.read(body, "window-count-batch",
                WindowCountBatch.class));
        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(refusal.violations()).extracting(FieldViolation::field, FieldViolation::rule).contains(
                org.assertj.core.groups.Tuple.tuple("windows[0].features.income[1]", "minimum"),
                org.assertj.core.groups.Tuple.tuple("windows[0].features.income[2]", "type"),
                org.assertj.core.groups.Tuple.tuple("windows[0].performance", "unknown-field"));
        var valid = requests.read(body.replace("-1, 1.5", "1, 0").replaceAll(",\\s*\"performance\": \\{}", ""),
                "window-count-batch", WindowCountBatch.class);
        assertThat(valid.value().windows().getFirst().features().get("income")).containsExactly(0L, 1L, 0L, 0L);
    }

    @Test
    void theSpecTellsCollectorsEachSignalsWindowTheRangedColumnsAndTheLatencyHistogram() {
        var spec = WindowCounts.spec(HOURLY.monitoring(), BASELINE);
        assertThat(spec.get("windows")).isEqualTo(Map.of("drift", "PT24H", "data-quality", "PT1H", "service",
                "PT1H"));
        assertThat(spec.get("outOfRange")).isEqualTo(List.of("income"));
        assertThat(spec.get("latency")).isEqualTo(Map.of("bins", ServiceJudge.LATENCY_BINS, "floorMs", 0.1,
                "perDoubling", 16));
        assertThat(WindowCounts.spec(new Policy.Monitoring(null, null, null, null, null, null, null), BASELINE))
                .isNull();
        assertThatThrownBy(() -> WindowCounts.count(HOURLY, batch(), NOW).windows().add(DAY))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
