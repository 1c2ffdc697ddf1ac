package org.modelops.governance.monitoring.model;

import java.util.Collection;
import java.util.List;
import org.modelops.governance.policy.model.Policy;

/** The rules every signal shares: a window's verdict is its worst measure's, a version's the policy's k of n. */
public final class SignalRules {

    public static final String DRIFT = "drift";
    public static final String DATA_QUALITY = "data-quality";
    public static final String PERFORMANCE = "performance";
    public static final String SERVICE = "service";
    /** Every signal, in the order they are shown. */
    public static final List<String> SIGNALS = List.of(DRIFT, DATA_QUALITY, PERFORMANCE, SERVICE);

    private SignalRules() {
    }

    /** The worst of the verdicts; PASS when there are none. */
    public static MonitoringVerdict worst(Collection<MonitoringVerdict> verdicts) {
        var worst = MonitoringVerdict.PASS;
        for (var verdict : verdicts) {
            worst = worst.worse(verdict);
        }
        return worst;
    }

    /**
     * A version's verdict over its last {@code consecutive.of} judged windows, oldest first: BREACH when at least
     * {@code consecutive.breaches} of them breach; otherwise, when there is no window or the latest is undecided
     * (INSUFFICIENT_DATA, PENDING_LABELS), that (nothing says it is fine now); otherwise WARN when any of them warned
     * or breached; PASS only when the latest was judged and none did.
     */
    public static MonitoringVerdict version(List<MonitoringVerdict> windowsOldestFirst, Policy.Consecutive rule,
            MonitoringVerdict whenNone) {
        var last = windowsOldestFirst.subList(Math.max(0, windowsOldestFirst.size() - rule.of()),
                windowsOldestFirst.size());
        var breaches = last.stream().filter(MonitoringVerdict.BREACH::equals).count();
        if (breaches >= rule.breaches()) {
            return MonitoringVerdict.BREACH;
        }
        if (last.isEmpty()) {
            return whenNone;
        }
        if (last.getLast().undecided()) {
            return last.getLast();
        }
        return breaches > 0 || last.contains(MonitoringVerdict.WARN) ? MonitoringVerdict.WARN : MonitoringVerdict.PASS;
    }
}
