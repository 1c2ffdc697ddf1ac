package org.modelops.governance.serving.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.modelops.governance.policy.model.Policy;

/**
 * What follows a BREACH of one monitoring signal while a version serves, from the policy's {@code onBreach} for that
 * signal (docs/lifecycle.md, "The serving phase"):
 * <ul>
 * <li>{@code alert}: an alert is raised with the evidence;</li>
 * <li>{@code retrain}: a retraining request is stored with the evidence;</li>
 * <li>{@code rollback}: the previous champion serves again, automatically, only when {@link #whyNoRollback} finds no
 * reason against it; otherwise a review task says why it was refused;</li>
 * <li>{@code review}: a review task for people.</li>
 * </ul>
 * A rollback that goes ahead makes a review unnecessary: the breached version no longer serves.
 */
public final class BreachRules {

    public static final String DRIFT = "drift";
    public static final String DATA_QUALITY = "data-quality";
    public static final String PERFORMANCE = "performance";
    public static final String SERVICE = "service";
    public static final Set<String> SIGNALS = Set.of(DRIFT, DATA_QUALITY, PERFORMANCE, SERVICE);
    /** Only realized outcomes and service failures prove a version wrong; changed inputs do not. */
    public static final Set<String> ROLLBACK_SIGNALS = Set.of(PERFORMANCE, SERVICE);

    public static final String ALERT = "alert";
    public static final String REVIEW = "review";
    public static final String ROLLBACK = "rollback";
    public static final String RETRAIN = "retrain";

    /** Where the serving phase goes after the breach's immediate actions. */
    public enum Route {
        ROLLBACK, REVIEW, NONE
    }

    /**
     * @param rollbackRefused why the automatic rollback the policy asked for was refused, or null
     */
    public record Plan(boolean alert, boolean retrain, Route route, String rollbackRefused) {
    }

    /**
     * The champion the breached version replaced, as the guard sees it.
     *
     * @param canServe whether its state lets it serve again (SUPERSEDED)
     * @param state its lifecycle state's name
     * @param lastJudged per signal, its last judged verdict (PASS, WARN or BREACH) in the audit trail
     */
    public record PreviousChampion(int version, boolean canServe, String state, Map<String, String> lastJudged) {
        public PreviousChampion {
            lastJudged = lastJudged == null ? Map.of() : Map.copyOf(lastJudged);
        }

        /** The signals whose last judged verdict is BREACH; healthy when there is none. */
        public List<String> breachedSignals() {
            return new TreeMap<>(lastJudged).entrySet().stream().filter(entry -> "BREACH".equals(entry.getValue()))
                    .map(Map.Entry::getKey).toList();
        }
    }

    private BreachRules() {
    }

    /** The pinned policy's {@code onBreach} for the signal; empty when the policy does not watch it. */
    public static List<String> onBreach(Policy.Monitoring monitoring, String signal) {
        if (monitoring == null) {
            return List.of();
        }
        var actions = switch (signal) {
            case DRIFT -> monitoring.drift() == null ? null : monitoring.drift().onBreach();
            case DATA_QUALITY -> monitoring.dataQuality() == null ? null : monitoring.dataQuality().onBreach();
            case PERFORMANCE -> monitoring.performance() == null ? null : monitoring.performance().onBreach();
            case SERVICE -> monitoring.service() == null ? null : monitoring.service().onBreach();
            default -> null;
        };
        return actions == null ? List.of() : actions;
    }

    /**
     * @param previous the champion the breached version replaced, empty for a first champion
     * @param lastAutomaticRollback the model's last automatic rollback, or null
     */
    public static Plan plan(String signal, List<String> onBreach, Optional<PreviousChampion> previous,
            Instant lastAutomaticRollback, Instant now, Duration cooldown) {
        var alert = onBreach.contains(ALERT);
        var retrain = onBreach.contains(RETRAIN);
        if (onBreach.contains(ROLLBACK)) {
            var refused = whyNoRollback(signal, previous, lastAutomaticRollback, now, cooldown);
            return refused.map(reason -> new Plan(alert, retrain, Route.REVIEW, reason))
                    .orElseGet(() -> new Plan(alert, retrain, Route.ROLLBACK, null));
        }
        return new Plan(alert, retrain, onBreach.contains(REVIEW) ? Route.REVIEW : Route.NONE, null);
    }

    /**
     * What follows a BREACH of the canary while its version rolls out (docs/lifecycle.md, "A breach during a
     * canary"): {@code alert} and {@code retrain} as in serving; {@code rollback} stops the rollout when
     * {@link #whyNoRolloutStop} finds no reason against it, otherwise a review task says why; {@code review} opens a
     * review task. The rollout's stop needs no health check or cooldown: it returns the traffic to the champion that
     * serves beside the canary, the status quo the canary was meant to improve on.
     *
     * @param championServes whether a champion serves beside the canary (false for a model's first version)
     */
    public static Plan planDuringRollout(String signal, List<String> onBreach, boolean championServes) {
        var alert = onBreach.contains(ALERT);
        var retrain = onBreach.contains(RETRAIN);
        if (onBreach.contains(ROLLBACK)) {
            var refused = whyNoRolloutStop(signal, championServes);
            return refused.map(reason -> new Plan(alert, retrain, Route.REVIEW, reason))
                    .orElseGet(() -> new Plan(alert, retrain, Route.ROLLBACK, null));
        }
        return new Plan(alert, retrain, onBreach.contains(REVIEW) ? Route.REVIEW : Route.NONE, null);
    }

    /**
     * Why a breach must not stop a rollout automatically, or empty when it may: only a performance or service breach
     * does, and only when a champion serves beside the canary — a first version's canary serves all traffic, and
     * stopping it would leave the model serving nothing: people decide that.
     */
    public static Optional<String> whyNoRolloutStop(String signal, boolean championServes) {
        if (!ROLLBACK_SIGNALS.contains(signal)) {
            return Optional.of("a " + signal + " breach never stops a rollout automatically: it does not prove the"
                    + " canary wrong (only performance and service breaches do)");
        }
        if (!championServes) {
            return Optional.of("the canary is the model's first version and serves all traffic: stopping its rollout"
                    + " would leave nothing serving");
        }
        return Optional.empty();
    }

    /**
     * Why an automatic rollback must not happen, or empty when it may: only on a performance or service breach, only
     * to a previous champion that can serve again and is healthy (none of its signals' last judged verdicts is
     * BREACH), and only outside the cooldown since the model's last automatic rollback.
     */
    public static Optional<String> whyNoRollback(String signal, Optional<PreviousChampion> previous,
            Instant lastAutomaticRollback, Instant now, Duration cooldown) {
        if (!ROLLBACK_SIGNALS.contains(signal)) {
            return Optional.of("a " + signal + " breach never rolls a version back automatically: it does not prove"
                    + " the version wrong (only performance and service breaches do)");
        }
        if (previous.isEmpty()) {
            return Optional.of("the version is the model's first champion: there is no previous champion to serve"
                    + " again");
        }
        var champion = previous.get();
        if (!champion.canServe()) {
            return Optional.of("the previous champion, version " + champion.version() + ", is " + champion.state()
                    + " and cannot serve again");
        }
        var breached = champion.breachedSignals();
        if (!breached.isEmpty()) {
            return Optional.of("the previous champion, version " + champion.version() + ", is not healthy: its last"
                    + " judged " + String.join(", ", breached) + " verdict" + (breached.size() > 1 ? "s are" : " is")
                    + " BREACH");
        }
        if (lastAutomaticRollback != null && now.isBefore(lastAutomaticRollback.plus(cooldown))) {
            return Optional.of("the model was rolled back automatically at " + lastAutomaticRollback
                    + "; within its cooldown of " + cooldown + " (until " + lastAutomaticRollback.plus(cooldown)
                    + ") people decide");
        }
        return Optional.empty();
    }
}
