package org.modelops.governance.monitoring;

import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.modelops.governance.monitoring.MonitoredVersions.Monitored;
import org.modelops.governance.monitoring.model.DataQualityJudge;
import org.modelops.governance.monitoring.model.DriftJudge;
import org.modelops.governance.monitoring.model.Measure;
import org.modelops.governance.monitoring.model.MonitoringVerdict;
import org.modelops.governance.monitoring.model.PerformanceJudge;
import org.modelops.governance.monitoring.model.ServiceJudge;
import org.modelops.governance.monitoring.model.SignalRules;
import org.modelops.governance.monitoring.model.SignalWindow;
import org.modelops.governance.monitoring.model.WindowTallies;
import org.modelops.governance.policy.model.Policy;
import org.modelops.governance.policy.model.PolicyVersion;

/**
 * Every signal of a version now, computed from the stored counts and tallies on every call (so any verdict can be
 * reproduced from them): per signal its closed windows judged against the pinned policy, and the version's verdict
 * by the policy's k-of-n rule. Drift comes from {@link DriftStatus}; a signal without its policy section is left out.
 */
@Singleton
public class SignalStatus {

    /**
     * One signal of a version: its verdict and a sentence explaining it, when it was evaluated, the section's rule,
     * the windows shown (the latest {@code limit}, oldest first) and the windows the verdict rests on.
     */
    public record State(String signal, PolicyVersion policy, String profileSha256, Map<String, Object> rule,
            MonitoringVerdict verdict, String explanation, Instant evaluatedAt, List<SignalWindow> windows,
            List<SignalWindow> judged) {
    }

    private final MonitoredVersions versions;
    private final MonitoringStore store;
    private final DriftStatus drift;
    private final Clock clock = Clock.systemUTC();

    SignalStatus(MonitoredVersions versions, MonitoringStore store, DriftStatus drift) {
        this.versions = versions;
        this.store = store;
        this.drift = drift;
    }

    @ReadOnly
    public List<State> states(String name, int number, int limit) {
        return states(versions.find(name, number), limit);
    }

    /** One version of a model as the model's monitoring page shows it. */
    public record VersionState(int version, String state, MonitoringVerdict verdict, List<State> signals) {
    }

    /** States of a model's versions that serve or served recently: shown on its monitoring page. */
    static final List<String> SERVING = List.of("CHAMPION", "ROLLING_OUT", "CHALLENGING");

    /**
     * The model's versions that serve or served recently — the champion, a canary or challenger, and the previous
     * champion (the latest SUPERSEDED or ROLLED_BACK) — newest first, each with its signals and its worst verdict.
     */
    @ReadOnly
    public List<VersionState> model(String name) {
        var out = new ArrayList<VersionState>();
        var numbers = new java.util.TreeSet<Integer>(java.util.Comparator.reverseOrder());
        var page = org.modelops.governance.shared.PageRequest.of(0,
                org.modelops.governance.shared.PageRequest.MAX_SIZE);
        for (var state : SERVING) {
            versions.registry().versions(name, org.modelops.governance.registry.model.LifecycleState.valueOf(state),
                    page).items().forEach(version -> numbers.add(version.version()));
        }
        var previous = versions.registry().versions(name, null, page).items().stream()
                .filter(version -> version.state().name().equals("SUPERSEDED")
                        || version.state().name().equals("ROLLED_BACK"))
                .mapToInt(version -> version.version()).max();
        previous.ifPresent(numbers::add);
        for (var number : numbers) {
            var monitored = versions.find(name, number);
            var signals = states(monitored, 1);
            out.add(new VersionState(number, monitored.version().state().name(),
                    SignalRules.worst(signals.stream().map(State::verdict).toList()), signals));
        }
        return out;
    }

    /** The signals the version's policy watches, in {@link SignalRules#SIGNALS} order. */
    List<State> states(Monitored monitored, int limit) {
        var now = clock.instant();
        var out = new ArrayList<State>();
        var monitoring = monitored.policy().policy().monitoring();
        var baseline = store.baseline(monitored.id()).orElse(null);
        var profileSha = baseline == null ? null : baseline.profileSha256();
        if (monitoring == null || monitoring.drift() != null) {
            out.add(drift(monitored, limit, now));
        }
        if (monitoring == null) {
            return out;
        }
        var quality = monitoring.dataQuality();
        if (quality != null) {
            var windows = windows(monitored, SignalRules.DATA_QUALITY, quality.window(), limit, quality.consecutive(),
                    Duration.ZERO, now, (start, tallies) -> baseline == null
                            ? new SignalWindow(start, start.plus(quality.window()), 0, List.of(),
                                    MonitoringVerdict.INSUFFICIENT_DATA)
                            : DataQualityJudge.window(baseline.profile(), quality, start, tallies));
            var judged = last(windows, quality.consecutive().of());
            var verdict = SignalRules.version(verdicts(judged), quality.consecutive(),
                    MonitoringVerdict.INSUFFICIENT_DATA);
            out.add(new State(SignalRules.DATA_QUALITY, monitored.policy(), profileSha, rule(quality), verdict,
                    explanation("Data quality", verdict, judged, quality.consecutive()) + monitored.notServing(), now,
                    last(windows, limit),
                    judged));
        }
        var performance = monitoring.performance();
        if (performance != null) {
            var windows = windows(monitored, SignalRules.PERFORMANCE, performance.window(), limit,
                    performance.consecutive(), performance.labelDelay(), now,
                    (start, tallies) -> PerformanceJudge.window(performance, start, tallies, now));
            var judged = last(PerformanceJudge.matured(performance, windows, now), performance.consecutive().of());
            var verdict = SignalRules.version(verdicts(judged), performance.consecutive(),
                    MonitoringVerdict.PENDING_LABELS);
            var explanation = judged.isEmpty() && !windows.isEmpty()
                    ? "Performance: no window's outcomes are mature yet (they are " + performance.labelDelay()
                            + " after a window ends); " + windows.size() + " closed windows are waiting for labels."
                    : explanation("Performance", verdict, judged, performance.consecutive());
            explanation += monitored.notServing();
            out.add(new State(SignalRules.PERFORMANCE, monitored.policy(), profileSha, rule(performance), verdict,
                    explanation, now, last(windows, limit), judged));
        }
        var service = monitoring.service();
        if (service != null) {
            var windows = windows(monitored, SignalRules.SERVICE, service.window(), limit, service.consecutive(),
                    Duration.ZERO, now, (start, tallies) -> ServiceJudge.window(service, start, tallies));
            var judged = last(windows, service.consecutive().of());
            var verdict = SignalRules.version(verdicts(judged), service.consecutive(),
                    MonitoringVerdict.INSUFFICIENT_DATA);
            out.add(new State(SignalRules.SERVICE, monitored.policy(), profileSha, rule(service), verdict,
                    explanation("Service", verdict, judged, service.consecutive()) + monitored.notServing(), now,
                    last(windows, limit),
                    judged));
        }
        return out;
    }

    private State drift(Monitored monitored, int limit, Instant now) {
        var status = drift.status(monitored, limit);
        var windows = status.windows().stream().map(SignalStatus::window).toList();
        var of = status.drift() == null ? 1 : status.drift().consecutive().of();
        return new State(SignalRules.DRIFT, status.policy(), status.baseline() == null
                ? null
                : status.baseline().profileSha256(), status.drift() == null ? null : rule(status.drift()),
                status.verdict(), status.explanation(), now, windows, last(windows, of));
    }

    /** A drift window as the other signals' windows: a measure per column. */
    static SignalWindow window(DriftJudge.WindowDrift window) {
        var measures = window.columns().stream().map(column -> new Measure(column.column(), column.statistic(),
                column.value(), null, null, window.records(), column.levels().warn(), column.levels().breach(),
                Measure.ABOVE, column.verdict(), Map.of("counts", column.counts()))).toList();
        return new SignalWindow(window.start(), window.end(), window.records(), measures, window.verdict());
    }

    /**
     * The closed windows of a signal since its first tallied one: as many as shown, plus those the k-of-n rule
     * needs, plus (for outcomes) those still waiting for labels. Windows without tallies are judged too: silence is
     * never a pass.
     */
    private List<SignalWindow> windows(Monitored monitored, String signal, Duration window, int limit,
            Policy.Consecutive rule, Duration labelDelay, Instant now,
            BiFunction<Instant, WindowTallies, SignalWindow> judge) {
        var pending = (labelDelay.toSeconds() + window.toSeconds() - 1) / window.toSeconds();
        var wanted = (int) (Math.max(Math.min(limit, DriftStatus.MAX_WINDOWS), rule.of()) + pending);
        var first = store.firstTallyWindow(monitored.id(), signal).orElse(DriftJudge.windowStart(now, window));
        var starts = monitored.windows(now, first, window, wanted);
        var tallies = starts.isEmpty()
                ? Map.<Instant, WindowTallies>of()
                : store.tallies(monitored.id(), signal, starts.getFirst(), starts.getLast().plus(window));
        var out = new ArrayList<SignalWindow>();
        for (var start : starts) {
            out.add(judge.apply(start, tallies.getOrDefault(start, new WindowTallies())));
        }
        return out;
    }

    private static <T> List<T> last(List<T> list, int n) {
        return List.copyOf(list.subList(Math.max(0, list.size() - n), list.size()));
    }

    private static List<MonitoringVerdict> verdicts(List<SignalWindow> windows) {
        return windows.stream().map(SignalWindow::verdict).toList();
    }

    /** One sentence: how many windows breached against the rule, and what the latest window says. */
    static String explanation(String signal, MonitoringVerdict verdict, List<SignalWindow> judged,
            Policy.Consecutive rule) {
        if (judged.isEmpty()) {
            return signal + ": no window has closed since records were first counted.";
        }
        var breaches = judged.stream().filter(window -> window.verdict() == MonitoringVerdict.BREACH).count();
        var latest = judged.getLast();
        var counted = breaches + " of the last " + judged.size() + " windows breached (the policy acts at "
                + rule.breaches() + " of " + rule.of() + ")";
        var notable = latest.measures().stream().filter(measure -> measure.verdict() == MonitoringVerdict.BREACH
                || measure.verdict() == MonitoringVerdict.WARN).map(SignalStatus::describe).toList();
        var undecided = latest.measures().stream().filter(measure -> measure.verdict().undecided())
                .map(Measure::metric).toList();
        return switch (verdict) {
            case BREACH -> signal + " breached: " + counted + (notable.isEmpty()
                    ? "."
                    : "; latest window: " + String.join(", ", notable) + ".");
            case WARN -> signal + " warns: " + counted + (notable.isEmpty()
                    ? "."
                    : "; latest window: " + String.join(", ", notable) + ".");
            case PENDING_LABELS -> signal + ": the latest mature window (from " + latest.start() + ") is waiting for"
                    + " outcomes (" + latest.records() + " so far, below the policy's minimum sample or coverage); "
                    + counted + ".";
            case INSUFFICIENT_DATA -> signal + ": the latest window (from " + latest.start() + ") has too few records"
                    + " to judge " + (undecided.isEmpty() ? "it" : String.join(", ", undecided)) + "; " + counted + ".";
            case PASS -> signal + " passes: every measure of the latest window is within its warn level, and "
                    + counted + ".";
        };
    }

    private static String describe(Measure measure) {
        var interval = measure.lower() == null
                ? ""
                : String.format(Locale.ROOT, " [%.3f, %.3f]", measure.lower(), measure.upper());
        var column = measure.detail().get("column");
        return String.format(Locale.ROOT, "%s %.3f%s (warn %s, breach %s%s)", measure.metric(), measure.value(),
                interval, number(measure.warn()), number(measure.breach()), column == null ? "" : ", on " + column);
    }

    private static String number(Double value) {
        return value == null ? "-" : value % 1 == 0 ? String.valueOf(value.longValue()) : String.valueOf(value);
    }

    static Map<String, Object> rule(Policy.Drift drift) {
        var out = new LinkedHashMap<String, Object>();
        out.put("window", drift.window().toString());
        out.put("minSample", drift.minSample());
        out.put("psi", levels(drift.psi()));
        out.put("jensenShannon", levels(drift.jensenShannon()));
        out.put("consecutive", consecutive(drift.consecutive()));
        out.put("onBreach", drift.onBreach());
        return out;
    }

    static Map<String, Object> rule(Policy.DataQuality quality) {
        var out = new LinkedHashMap<String, Object>();
        out.put("window", quality.window().toString());
        out.put("minSample", quality.minSample());
        putLevels(out, "missingRate", quality.missingRate());
        putLevels(out, "outOfRangeRate", quality.outOfRangeRate());
        putLevels(out, "unseenCategoryRate", quality.unseenCategoryRate());
        putLevels(out, "minRecords", quality.minRecords());
        out.put("consecutive", consecutive(quality.consecutive()));
        out.put("onBreach", quality.onBreach());
        return out;
    }

    static Map<String, Object> rule(Policy.Performance performance) {
        var out = new LinkedHashMap<String, Object>();
        out.put("window", performance.window().toString());
        out.put("labelDelay", performance.labelDelay().toString());
        out.put("minSample", performance.minSample());
        out.put("coverage", performance.coverage());
        out.put("decisionThreshold", performance.threshold());
        var kpis = new java.util.TreeMap<String, Object>();
        performance.kpis().forEach((kpi, levels) -> kpis.put(kpi, levels(levels)));
        out.put("kpis", kpis);
        out.put("fairness", performance.fairness().stream().map(gap -> Map.of("metric", gap.metric(), "slice",
                gap.slice(), "maxGap", levels(gap.maxGap()))).toList());
        out.put("consecutive", consecutive(performance.consecutive()));
        out.put("onBreach", performance.onBreach());
        return out;
    }

    static Map<String, Object> rule(Policy.Service service) {
        var out = new LinkedHashMap<String, Object>();
        out.put("window", service.window().toString());
        out.put("minSample", service.minSample());
        putLevels(out, "errorRate", service.errorRate());
        putLevels(out, "latencyP95Ms", service.latencyP95Ms());
        putLevels(out, "latencyP99Ms", service.latencyP99Ms());
        out.put("consecutive", consecutive(service.consecutive()));
        out.put("onBreach", service.onBreach());
        return out;
    }

    private static void putLevels(Map<String, Object> out, String name, Policy.Levels levels) {
        if (levels != null) {
            out.put(name, levels(levels));
        }
    }

    private static Map<String, Object> levels(Policy.Levels levels) {
        return Map.of("warn", levels.warn(), "breach", levels.breach());
    }

    private static Map<String, Object> consecutive(Policy.Consecutive rule) {
        return Map.of("breaches", rule.breaches(), "of", rule.of());
    }
}
