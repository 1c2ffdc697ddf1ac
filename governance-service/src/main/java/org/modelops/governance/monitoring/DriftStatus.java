package org.modelops.governance.monitoring;

import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.modelops.governance.monitoring.MonitoredVersions.Monitored;
import org.modelops.governance.monitoring.MonitoringStore.StoredBaseline;
import org.modelops.governance.monitoring.model.DriftJudge;
import org.modelops.governance.monitoring.model.DriftJudge.WindowDrift;
import org.modelops.governance.monitoring.model.MonitoringVerdict;
import org.modelops.governance.policy.model.Policy;
import org.modelops.governance.policy.model.PolicyVersion;

/**
 * A version's drift now: every closed window since its first counted one (the latest {@code limit} of them shown),
 * judged against the pinned policy, and the version's verdict by the policy's k-of-n rule. Computed from the stored
 * counts on every call, so any verdict can be reproduced from them.
 */
@Singleton
public class DriftStatus {

    public static final int MAX_WINDOWS = 500;
    static final String SIGNAL = "drift";

    /**
     * The version's drift: its baseline and the drift section it is judged under (null when it has none), the
     * verdict, a sentence explaining it, and the closed windows, oldest first.
     */
    public record Status(PolicyVersion policy, StoredBaseline baseline, Policy.Drift drift, MonitoringVerdict verdict,
            String explanation, List<WindowDrift> windows) {
    }

    private final MonitoredVersions versions;
    private final MonitoringStore store;
    private final Clock clock = Clock.systemUTC();

    DriftStatus(MonitoredVersions versions, MonitoringStore store) {
        this.versions = versions;
        this.store = store;
    }

    @ReadOnly
    public Status status(String name, int number, int limit) {
        return status(versions.find(name, number), limit);
    }

    Status status(Monitored monitored, int limit) {
        var baseline = store.baseline(monitored.id()).orElse(null);
        var policy = monitored.policy().policy();
        if (baseline == null) {
            return new Status(monitored.policy(), null,
                    policy.monitoring() == null ? null : policy.monitoring().drift(),
                    MonitoringVerdict.INSUFFICIENT_DATA, "No baseline yet: nothing to compare predictions with.",
                    List.of());
        }
        if (policy.monitoring() == null || policy.monitoring().drift() == null) {
            return new Status(monitored.policy(), baseline, null, MonitoringVerdict.INSUFFICIENT_DATA, "Policy '"
                    + monitored.policy().name() + "' (version " + monitored.policy().version()
                    + ") has no monitoring.drift section: drift is not judged.", List.of());
        }
        var drift = policy.monitoring().drift();
        var now = clock.instant();
        var wanted = Math.max(Math.min(limit, MAX_WINDOWS), drift.consecutive().of());
        var first = store.firstWindow(monitored.id()).orElse(DriftJudge.windowStart(now, drift.window()));
        var starts = monitored.windows(now, first, drift.window(), wanted);
        var sizes = baseline.profile().columns().stream()
                .collect(Collectors.toMap(column -> column.name(), column -> column.bins().size()));
        var counts = starts.isEmpty()
                ? Map.<Instant, Map<String, long[]>>of()
                : store.counts(monitored.id(), starts.getFirst(), starts.getLast().plus(drift.window()), sizes);
        var windows = new ArrayList<WindowDrift>();
        for (var start : starts) {
            windows.add(DriftJudge.window(baseline.profile(), drift, start, counts.getOrDefault(start, Map.of())));
        }
        var verdict = DriftJudge.version(windows.stream().map(WindowDrift::verdict).toList(), drift.consecutive());
        var shown = windows.subList(Math.max(0, windows.size() - Math.min(limit, MAX_WINDOWS)), windows.size());
        return new Status(monitored.policy(), baseline, drift, verdict, explanation(verdict, windows, drift)
                + monitored.notServing(), List.copyOf(shown));
    }

    private static String explanation(MonitoringVerdict verdict, List<WindowDrift> windows, Policy.Drift drift) {
        var rule = drift.consecutive();
        if (windows.isEmpty()) {
            return "No window has closed since predictions were first counted; drift needs at least one with "
                    + drift.minSample() + " records.";
        }
        var last = windows.subList(Math.max(0, windows.size() - rule.of()), windows.size());
        var breaches = last.stream().filter(window -> window.verdict() == MonitoringVerdict.BREACH).count();
        var latest = windows.getLast();
        var drifted = latest.columns().stream().filter(column -> column.verdict() == MonitoringVerdict.BREACH
                || column.verdict() == MonitoringVerdict.WARN).map(column -> String.format(Locale.ROOT,
                        "%s (%s %.3f, warn %s, breach %s)", column.column(), column.statistic(), column.value(),
                        column.levels().warn(), column.levels().breach()))
                .toList();
        var counted = breaches + " of the last " + last.size() + " windows breached (the policy acts at "
                + rule.breaches() + " of " + rule.of() + ")";
        return switch (verdict) {
            case BREACH -> "Drift: " + counted + "." + (drifted.isEmpty()
                    ? ""
                    : " Latest window: "
                            + String.join(", ", drifted) + ".");
            case INSUFFICIENT_DATA, PENDING_LABELS ->
                "The latest window (from " + latest.start() + ") has " + latest.records()
                        + " records, fewer than the " + drift.minSample() + " needed to judge it; " + counted + ".";
            case WARN -> "Warning: " + counted + (drifted.isEmpty()
                    ? "."
                    : "; latest window: "
                            + String.join(", ", drifted) + ".");
            case PASS -> "No drift: every column of the latest window is below its warn level, and " + counted + ".";
        };
    }

    /** The latest window's start, for the verdict's evidence. */
    static Instant latestStart(Status status) {
        return status.windows().isEmpty() ? null : status.windows().getLast().start();
    }
}
