package org.modelops.governance.policy.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One policy document, as its YAML says (docs/policies.md). Absent sections mean "no rule of this kind". */
public record Policy(String name, String description, AppliesTo appliesTo, List<String> requiredMetadata,
        Map<String, KpiBounds> kpis, List<FairnessLimit> fairness, List<CustomCondition> conditions,
        ChampionChallenger championChallenger, Approvals approvals, Rollout rollout, Monitoring monitoring) {

    public Policy {
        requiredMetadata = requiredMetadata == null ? List.of() : List.copyOf(requiredMetadata);
        kpis = kpis == null ? Map.of() : Map.copyOf(kpis);
        fairness = fairness == null ? List.of() : List.copyOf(fairness);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        appliesTo = appliesTo == null ? new AppliesTo(List.of(), List.of()) : appliesTo;
        rollout = rollout == null ? new Rollout(Rollout.Strategy.DIRECT, List.of()) : rollout;
    }

    /** Models named here take this policy; otherwise the policy for their risk tier applies. */
    public record AppliesTo(List<String> riskTiers, List<String> models) {
        public AppliesTo {
            riskTiers = riskTiers == null ? List.of() : List.copyOf(riskTiers);
            models = models == null ? List.of() : List.copyOf(models);
        }

        /** Whether both name a model, or a risk tier, in common: then only one of them may be published. */
        public boolean overlaps(AppliesTo other) {
            return models.stream().anyMatch(other.models::contains)
                    || riskTiers.stream().anyMatch(other.riskTiers::contains);
        }
    }

    public record KpiBounds(Double min, Double max) {
    }

    /**
     * Limits on how differently {@code metric} may come out across slices: the largest allowed gap (highest − lowest),
     * the smallest allowed ratio (lowest / highest, e.g. 0.8 for the four-fifths rule), or both; and the slices that
     * must report it.
     */
    public record FairnessLimit(String metric, Double maxGap, Double minRatio, List<String> requiredSlices) {
        public FairnessLimit {
            requiredSlices = requiredSlices == null ? List.of() : List.copyOf(requiredSlices);
        }
    }

    /** A CEL expression over {@code metrics}, {@code sliceMetrics}, {@code params}, {@code tags}; must be true. */
    public record CustomCondition(String name, String expression, String message) {
    }

    public record ChampionChallenger(String primaryMetric, double minUplift, Map<String, Guard> guardMetrics) {
        public ChampionChallenger {
            guardMetrics = guardMetrics == null ? Map.of() : Map.copyOf(guardMetrics);
        }

        public record Guard(double maxRegression) {
        }
    }

    public record Approvals(int count, List<String> roles, Duration reminderAfter, Duration escalateAfter) {
        public Approvals {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    public record Rollout(Strategy strategy, List<Step> steps) {
        public enum Strategy {
            DIRECT, STAGED
        }

        public Rollout {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }

        public record Step(int percent, Duration bake) {
        }
    }

    /**
     * What watches a serving version (docs/monitoring.md) and how its serving phase acts (docs/lifecycle.md). Absent:
     * nothing is monitored. {@code recertifyEvery}: a serving version is re-certified this often (null: never), by
     * people within {@code recertifyDueWithin} (default {@link #DEFAULT_RECERTIFY_DUE_WITHIN}); {@code rollback}: limits
     * of automatic rollbacks.
     */
    public record Monitoring(Drift drift, Duration recertifyEvery, Duration recertifyDueWithin,
            AutomaticRollback rollback) {
        public static final Duration DEFAULT_RECERTIFY_DUE_WITHIN = Duration.ofDays(14);

        public Monitoring {
            recertifyDueWithin = recertifyDueWithin == null ? DEFAULT_RECERTIFY_DUE_WITHIN : recertifyDueWithin;
            rollback = rollback == null ? new AutomaticRollback(null) : rollback;
        }

        public Monitoring(Drift drift) {
            this(drift, null, null, null);
        }
    }

    /**
     * An automatic rollback of a model is refused within {@code cooldown} of its last automatic rollback (default
     * {@link #DEFAULT_COOLDOWN}): a review task is opened instead, so that two bad versions cannot flap.
     */
    public record AutomaticRollback(Duration cooldown) {
        public static final Duration DEFAULT_COOLDOWN = Duration.ofHours(24);

        public AutomaticRollback {
            cooldown = cooldown == null ? DEFAULT_COOLDOWN : cooldown;
        }
    }

    /**
     * Drift of each input feature and of the prediction against the version's baseline, on bins frozen from it. Each
     * {@code window} (aligned to the epoch) with at least {@code minSample} records is judged per feature: PSI for a
     * numeric feature, Jensen–Shannon distance (log base 2) for a categorical one, against their warn and breach
     * levels. The version's drift is a breach when {@code consecutive.breaches} of the last {@code consecutive.of}
     * closed windows breach; then {@code onBreach} applies: {@code alert} or {@code review}, never a rollback.
     */
    public record Drift(Duration window, int minSample, Levels psi, Levels jensenShannon, Consecutive consecutive,
            List<String> onBreach) {
        public static final List<String> ACTIONS = List.of("alert", "review");

        public Drift {
            onBreach = onBreach == null ? List.of() : List.copyOf(onBreach);
        }
    }

    /** A statistic at or above {@code warn} warns; at or above {@code breach} breaches. */
    public record Levels(double warn, double breach) {
    }

    /** How many of the last windows must breach before the policy acts, e.g. 2 of 3. */
    public record Consecutive(int breaches, int of) {
    }
}
