package org.modelops.governance.policy.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One policy document, as its YAML says (docs/policies.md). Absent sections mean "no rule of this kind". */
public record Policy(String name, String description, AppliesTo appliesTo, List<String> requiredMetadata,
        Map<String, KpiBounds> kpis, List<FairnessLimit> fairness, List<CustomCondition> conditions,
        ChampionChallenger championChallenger, Approvals approvals, Rollout rollout) {

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
}
