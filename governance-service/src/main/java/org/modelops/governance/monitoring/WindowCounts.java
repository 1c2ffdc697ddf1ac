package org.modelops.governance.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.modelops.governance.monitoring.MonitoringStore.BinCount;
import org.modelops.governance.monitoring.MonitoringStore.Tally;
import org.modelops.governance.monitoring.model.BaselineProfile;
import org.modelops.governance.monitoring.model.Bins;
import org.modelops.governance.monitoring.model.DataQualityJudge;
import org.modelops.governance.monitoring.model.DriftJudge;
import org.modelops.governance.monitoring.model.ServiceJudge;
import org.modelops.governance.monitoring.model.SignalRules;
import org.modelops.governance.policy.model.Policy;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.Refusal;

/**
 * Checks a batch of pre-aggregated window counts against the version's monitoring spec and turns it into the same
 * window counts and tallies the prediction records would have added: drift counts per (window, column, bin); data
 * quality's records, missing, unseen and out-of-range tallies; the service's records, errors and latency bins. Every
 * count of a window lies in one window of every signal it feeds, because a window must be aligned to its own length
 * and that length must divide the windows of those signals (hourly counts feed daily drift windows; daily counts
 * cannot feed hourly service windows). Performance is not fed: an outcome joins a stored prediction by its id, so
 * performance needs prediction records and outcomes.
 */
public final class WindowCounts {

    /** Most windows in one batch; a larger batch is refused with 413 (send it in parts). */
    public static final int MAX_WINDOWS = 100;
    private static final int MAX_REPORTED = 50;

    /** What the counts are checked against: the pinned policy's digest and monitoring, the baseline and its digest. */
    public record Spec(String policySha256, Policy.Monitoring monitoring, BaselineProfile baseline,
            String profileSha256) {
    }

    /** The batch as the store adds it: drift counts, tallies (in key order), the windows it fed, its records. */
    public record Counted(List<BinCount> counts, List<Tally> tallies, List<Instant> windows, long records) {
    }

    private WindowCounts() {
    }

    /** The counts of a valid batch; refuses (413, 409, 400 or 422, naming each field and rule) any other. */
    public static Counted count(Spec spec, WindowCountBatch batch, Instant now) {
        if (batch.windows().size() > MAX_WINDOWS) {
            throw new Refusal(Refusal.Kind.TOO_LARGE, "batch-too-large", "A batch holds at most " + MAX_WINDOWS
                    + " windows; this one has " + batch.windows().size() + ". Send it in smaller batches.",
                    List.of(new FieldViolation("windows", "maxItems", "at most " + MAX_WINDOWS + " windows")));
        }
        if (!spec.policySha256().equals(batch.policySha256())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "policy-mismatch", "The counts were made for policy digest "
                    + batch.policySha256() + ", but this version is monitored under " + spec.policySha256()
                    + "; fetch the monitoring spec again and count on it.",
                    List.of(new FieldViolation(
                            "policySha256", "matches-spec", "must be the spec's policy.sha256, "
                                    + spec.policySha256())));
        }
        if (!spec.profileSha256().equals(batch.profileSha256())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "profile-mismatch", "The counts were made on the bins of"
                    + " profile " + batch.profileSha256() + ", but this version's baseline profile is "
                    + spec.profileSha256() + "; fetch the monitoring spec again and count on its bins.",
                    List.of(new FieldViolation("profileSha256", "matches-spec", "must be the spec's"
                            + " baseline.profileSha256, " + spec.profileSha256())));
        }
        var monitoring = spec.monitoring();
        var syntax = new ArrayList<FieldViolation>();
        var shape = new ArrayList<FieldViolation>();
        var counts = new TreeMap<String, long[]>();
        var cells = new TreeMap<String, double[]>();
        var windows = new TreeSet<Instant>();
        long records = 0;
        for (int i = 0; i < batch.windows().size() && syntax.size() + shape.size() < MAX_REPORTED; i++) {
            var window = batch.windows().get(i);
            var at = "windows[" + i + "]";
            var start = time(window.start(), at + ".start", syntax);
            var end = time(window.end(), at + ".end", syntax);
            if (start == null || end == null) {
                continue;
            }
            if (start.isAfter(now.plus(PredictionIngestion.CLOCK_SKEW))) {
                syntax.add(new FieldViolation(at + ".start", "future", "'" + window.start() + "' is more than "
                        + PredictionIngestion.CLOCK_SKEW.toMinutes() + " minutes ahead of the service's clock (" + now
                        + ")"));
                continue;
            }
            if (!end.isAfter(start)) {
                shape.add(new FieldViolation(at + ".end", "after-start", "the window must end after it starts"));
                continue;
            }
            if (!grain(at, start, end, monitoring, window.service() != null, shape)) {
                continue;
            }
            int before = shape.size();
            var binned = columns(at, window, spec.baseline(), shape);
            var outOfRange = outOfRange(at, window, spec.baseline(), monitoring.dataQuality(), binned, shape);
            service(at, window, monitoring.service(), shape);
            if (shape.size() > before) {
                continue;
            }
            var driftWindow = DriftJudge.windowStart(start, monitoring.drift().window());
            windows.add(driftWindow);
            records += window.records();
            binned.forEach((column, values) -> {
                for (int bin = 0; bin < values.length; bin++) {
                    counts.computeIfAbsent(driftWindow + "\u0000" + column + "\u0000" + pad(bin),
                            key -> new long[1])[0] += values[bin];
                }
            });
            var quality = monitoring.dataQuality();
            if (quality != null) {
                var qualityWindow = DriftJudge.windowStart(start, quality.window());
                tally(cells, SignalRules.DATA_QUALITY, qualityWindow, DataQualityJudge.RECORDS, 0, window.records(),
                        0);
                for (var column : spec.baseline().columns()) {
                    var values = binned.get(column.name());
                    tally(cells, SignalRules.DATA_QUALITY, qualityWindow, DataQualityJudge.MISSING + column.name(), 0,
                            values[column.bins().missingBin()], 0);
                    if (column.bins() instanceof Bins.Categorical categorical) {
                        tally(cells, SignalRules.DATA_QUALITY, qualityWindow, DataQualityJudge.UNSEEN + column.name(),
                                0, values[categorical.unseenBin()], 0);
                    }
                }
                outOfRange.forEach((column, count) -> tally(cells, SignalRules.DATA_QUALITY, qualityWindow,
                        DataQualityJudge.OUT_OF_RANGE + column, 0, count, 0));
            }
            if (monitoring.service() != null && window.service() != null) {
                var serviceWindow = DriftJudge.windowStart(start, monitoring.service().window());
                tally(cells, SignalRules.SERVICE, serviceWindow, ServiceJudge.RECORDS, 0, window.records(), 0);
                tally(cells, SignalRules.SERVICE, serviceWindow, ServiceJudge.ERRORS, 0, window.service().errors(), 0);
                window.service().latency().forEach((bin, count) -> tally(cells, SignalRules.SERVICE, serviceWindow,
                        ServiceJudge.LATENCY, Integer.parseInt(bin), count, count
                                * ServiceJudge.latencyOf(Integer.parseInt(bin))));
            }
        }
        if (!syntax.isEmpty()) {
            syntax.addAll(shape);
            throw Refusal.invalid(syntax);
        }
        if (!shape.isEmpty()) {
            throw new Refusal(Refusal.Kind.UNPROCESSABLE, "counts-not-on-spec", shape.size() == 1
                    ? shape.getFirst().field() + ": " + shape.getFirst().message()
                    : shape.size() + " fields do not match the monitoring spec", shape);
        }
        var rows = new ArrayList<BinCount>();
        counts.forEach((key, value) -> {
            if (value[0] > 0) {
                var split = key.split("\u0000", 3);
                rows.add(new BinCount(Instant.parse(split[0]), split[1], Integer.parseInt(split[2]), value[0]));
            }
        });
        var tallies = new ArrayList<Tally>();
        cells.forEach((key, value) -> {
            if (value[0] > 0) {
                var split = key.split("\u0000", 4);
                tallies.add(new Tally(split[0], Instant.parse(split[1]), split[2], Integer.parseInt(split[3]),
                        (long) value[0], value[1]));
            }
        });
        return new Counted(rows, tallies, List.copyOf(windows), records);
    }

    /**
     * What a collector needs beyond the bins to count compatibly: the window of each signal the counts feed, the
     * numeric columns whose out-of-range records are counted, and the service's latency histogram.
     */
    public static Map<String, Object> spec(Policy.Monitoring monitoring, BaselineProfile baseline) {
        var out = new LinkedHashMap<String, Object>();
        if (monitoring == null || monitoring.drift() == null) {
            return null;
        }
        var signals = new LinkedHashMap<String, Object>();
        signals.put(SignalRules.DRIFT, monitoring.drift().window().toString());
        if (monitoring.dataQuality() != null) {
            signals.put(SignalRules.DATA_QUALITY, monitoring.dataQuality().window().toString());
        }
        if (monitoring.service() != null) {
            signals.put(SignalRules.SERVICE, monitoring.service().window().toString());
        }
        out.put("windows", signals);
        out.put("maxWindows", MAX_WINDOWS);
        out.put("outOfRange", monitoring.dataQuality() == null || monitoring.dataQuality().outOfRangeRate() == null
                ? List.of()
                : ranged(baseline));
        if (monitoring.service() != null) {
            out.put("latency", Map.of("bins", ServiceJudge.LATENCY_BINS, "floorMs", ServiceJudge.FLOOR_MS,
                    "perDoubling", ServiceJudge.PER_DOUBLING));
        }
        return out;
    }

    /** The numeric columns with a known range: their out-of-range records are counted. */
    static List<String> ranged(BaselineProfile baseline) {
        return baseline.columns().stream().filter(column -> column.bins() instanceof Bins.Numeric
                && column.min() != null && column.max() != null).map(BaselineProfile.Column::name).toList();
    }

    /** The window is aligned to its own length, and that length divides the window of every signal it feeds. */
    private static boolean grain(String at, Instant start, Instant end, Policy.Monitoring monitoring,
            boolean service, List<FieldViolation> shape) {
        var length = Duration.between(start, end);
        var fed = new LinkedHashMap<String, Duration>();
        fed.put(SignalRules.DRIFT, monitoring.drift().window());
        if (monitoring.dataQuality() != null) {
            fed.put(SignalRules.DATA_QUALITY, monitoring.dataQuality().window());
        }
        if (service && monitoring.service() != null) {
            fed.put(SignalRules.SERVICE, monitoring.service().window());
        }
        var seconds = length.toSeconds();
        if (seconds == 0 || !length.equals(Duration.ofSeconds(seconds))
                || fed.values().stream().anyMatch(w -> w.toSeconds() % seconds != 0)) {
            shape.add(new FieldViolation(at + ".end", "window-grain", "the window is " + length + " long; it must"
                    + " divide the window of every signal it feeds (" + fed.entrySet().stream().map(e -> e.getKey()
                            + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElseThrow()
                    + "), e.g. " + fed.values().stream().min(Duration::compareTo).orElseThrow()));
            return false;
        }
        if (start.getNano() != 0 || Math.floorMod(start.getEpochSecond(), seconds) != 0) {
            shape.add(new FieldViolation(at + ".start", "aligned", "a " + length + " window starts at a multiple of"
                    + " " + length + " since the epoch (1970-01-01T00:00Z), e.g. " + DriftJudge.windowStart(start,
                            length)));
            return false;
        }
        return true;
    }

    /** Each baseline column's counts, on its bins and adding up to the window's records. */
    private static Map<String, long[]> columns(String at, WindowCountBatch.Window window, BaselineProfile baseline,
            List<FieldViolation> shape) {
        var out = new LinkedHashMap<String, long[]>();
        for (var name : window.features().keySet()) {
            var column = baseline.column(name);
            if (name.equals(BaselineProfile.PREDICTION) || column.isEmpty()) {
                shape.add(new FieldViolation(at + ".features." + name, "known", "the spec has no feature '" + name
                        + "'; its features are " + String.join(", ", baseline.columns().stream()
                                .map(BaselineProfile.Column::name).filter(c -> !c.equals(BaselineProfile.PREDICTION))
                                .toList())));
            }
        }
        for (var column : baseline.columns()) {
            var prediction = column.name().equals(BaselineProfile.PREDICTION);
            var field = at + (prediction ? ".prediction" : ".features." + column.name());
            var given = prediction ? window.prediction() : window.features().get(column.name());
            if (given == null) {
                shape.add(new FieldViolation(field, "required", "every column of the spec is counted in every"
                        + " window: " + column.bins().size() + " counts, one per bin (" + String.join(", ",
                                column.bins().labels())
                        + ")"));
                continue;
            }
            if (given.size() != column.bins().size()) {
                shape.add(new FieldViolation(field, "bins", "the spec has " + column.bins().size() + " bins for '"
                        + column.name() + "' (" + String.join(", ", column.bins().labels()) + "); got "
                        + given.size() + " counts"));
                continue;
            }
            var values = new long[given.size()];
            long sum = 0;
            for (int bin = 0; bin < values.length; bin++) {
                values[bin] = given.get(bin);
                sum += values[bin];
            }
            if (sum != window.records()) {
                shape.add(new FieldViolation(field, "sum-equals-records", "every record falls in one bin of every"
                        + " column: the counts add up to " + sum + ", the window has " + window.records()
                        + " records"));
                continue;
            }
            out.put(column.name(), values);
        }
        if (window.prediction() != null && baseline.column(BaselineProfile.PREDICTION).isEmpty()) {
            shape.add(new FieldViolation(at + ".prediction", "known", "the spec has no prediction column"));
        }
        return out;
    }

    /** Out-of-range counts: for the numeric columns with a range, each at most the column's non-missing records. */
    private static Map<String, Long> outOfRange(String at, WindowCountBatch.Window window, BaselineProfile baseline,
            Policy.DataQuality quality, Map<String, long[]> binned, List<FieldViolation> shape) {
        var ranged = ranged(baseline);
        var out = new TreeMap<String, Long>();
        window.outOfRange().forEach((name, count) -> {
            if (!ranged.contains(name)) {
                shape.add(new FieldViolation(at + ".outOfRange." + name, "known", "out-of-range counts are for the"
                        + " numeric columns with a baseline range: " + (ranged.isEmpty()
                                ? "none"
                                : String.join(", ", ranged))));
                return;
            }
            var values = binned.get(name);
            var column = baseline.column(name).orElseThrow();
            if (values != null && count > window.records() - values[column.bins().missingBin()]) {
                shape.add(new FieldViolation(at + ".outOfRange." + name, "at-most", "at most the column's records"
                        + " that are not missing, " + (window.records() - values[column.bins().missingBin()])
                        + "; got " + count));
                return;
            }
            out.put(name, count);
        });
        if (quality != null && quality.outOfRangeRate() != null) {
            for (var name : ranged) {
                if (!window.outOfRange().containsKey(name)) {
                    shape.add(new FieldViolation(at + ".outOfRange." + name, "required", "the policy judges the"
                            + " out-of-range rate: count the records of '" + name + "' outside the baseline's range"
                            + " (0 when there are none)"));
                }
            }
        }
        return out;
    }

    private static void service(String at, WindowCountBatch.Window window, Policy.Service policy,
            List<FieldViolation> shape) {
        var service = window.service();
        if (service == null) {
            return;
        }
        if (policy == null) {
            shape.add(new FieldViolation(at + ".service", "watched", "the policy does not watch the service; leave"
                    + " the service counts out"));
            return;
        }
        if (service.errors() > window.records()) {
            shape.add(new FieldViolation(at + ".service.errors", "at-most", "at most the window's "
                    + window.records() + " records; got " + service.errors()));
        }
        long timed = 0;
        for (var entry : service.latency().entrySet()) {
            int bin;
            try {
                bin = Integer.parseInt(entry.getKey());
            } catch (NumberFormatException e) {
                bin = -1;
            }
            if (bin < 0 || bin >= ServiceJudge.LATENCY_BINS || !entry.getKey().equals(Integer.toString(bin))) {
                shape.add(new FieldViolation(at + ".service.latency." + entry.getKey(), "known", "latency bins are"
                        + " numbered 0 to " + (ServiceJudge.LATENCY_BINS - 1) + " (the spec's windowCounts.latency)"));
                continue;
            }
            timed += entry.getValue();
        }
        if (timed > window.records()) {
            shape.add(new FieldViolation(at + ".service.latency", "at-most", "at most one latency per record: the"
                    + " bins add up to " + timed + ", the window has " + window.records() + " records"));
        }
    }

    private static void tally(Map<String, double[]> cells, String signal, Instant window, String tally, int bin,
            long count, double total) {
        if (count == 0) {
            return;
        }
        var cell = cells.computeIfAbsent(signal + "\u0000" + window + "\u0000" + tally + "\u0000" + pad(bin),
                key -> new double[2]);
        cell[0] += count;
        cell[1] += total;
    }

    /** Bins sort by number within their key. */
    private static String pad(int bin) {
        return String.format("%06d", bin);
    }

    private static Instant time(String text, String field, List<FieldViolation> violations) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            violations.add(new FieldViolation(field, "date-time", "'" + text + "' is not an ISO-8601 time with an"
                    + " offset, such as 2026-12-01T09:00:00Z"));
            return null;
        }
    }
}
