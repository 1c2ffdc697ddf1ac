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
     * What watches a serving version (docs/monitoring.md), one section per signal; an absent section is a signal not
     * watched, and an absent {@code monitoring} watches nothing. How its serving phase acts (docs/lifecycle.md):
     * {@code recertifyEvery}, a serving version is re-certified this often (null: never), by people within
     * {@code recertifyDueWithin} (default {@link #DEFAULT_RECERTIFY_DUE_WITHIN}); {@code rollback}, limits of
     * automatic rollbacks.
     */
    public record Monitoring(Drift drift, DataQuality dataQuality, Performance performance, Service service,
            Duration recertifyEvery, Duration recertifyDueWithin, AutomaticRollback rollback) {
        public static final Duration DEFAULT_RECERTIFY_DUE_WITHIN = Duration.ofDays(14);

        public Monitoring {
            recertifyDueWithin = recertifyDueWithin == null ? DEFAULT_RECERTIFY_DUE_WITHIN : recertifyDueWithin;
            rollback = rollback == null ? new AutomaticRollback(null) : rollback;
        }

        public Monitoring(Drift drift, DataQuality dataQuality, Performance performance, Service service) {
            this(drift, dataQuality, performance, service, null, null, null);
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

    /** What a signal's breach may do. A rollback only on what proves the model wrong: its outcomes or its service. */
    public static final List<String> ACTIONS = List.of("alert", "review", "rollback", "retrain");

    /**
     * Drift of each input feature and of the prediction against the version's baseline, on bins frozen from it. Each
     * {@code window} (aligned to the epoch) with at least {@code minSample} records is judged per feature: PSI for a
     * numeric feature, Jensen–Shannon distance (log base 2) for a categorical one, against their warn and breach
     * levels. The version's drift is a breach when {@code consecutive.breaches} of the last {@code consecutive.of}
     * closed windows breach; then {@code onBreach} applies: {@code alert}, {@code review} or {@code retrain}, never a
     * rollback.
     */
    public record Drift(Duration window, int minSample, Levels psi, Levels jensenShannon, Consecutive consecutive,
            List<String> onBreach) {
        public static final List<String> ACTIONS = List.of("alert", "review", "retrain");

        public Drift {
            onBreach = onBreach == null ? List.of() : List.copyOf(onBreach);
        }
    }

    /**
     * The quality of the inputs per window: the share of missing values, of numbers outside the baseline's range and
     * of categories the baseline did not have (each the worst column's rate, judged with at least {@code minSample}
     * records; higher is worse), and the volume: fewer records than {@code minRecords.warn} warn, fewer than
     * {@code minRecords.breach} breach, so silence is a breach. Each check is optional; at least one is given. Never a
     * rollback on data quality.
     */
    public record DataQuality(Duration window, int minSample, Levels missingRate, Levels outOfRangeRate,
            Levels unseenCategoryRate, Levels minRecords, Consecutive consecutive, List<String> onBreach) {
        public static final List<String> ACTIONS = List.of("alert", "review", "retrain");

        public DataQuality {
            onBreach = onBreach == null ? List.of() : List.copyOf(onBreach);
        }
    }

    /**
     * The policy's KPIs on matured outcomes, per window of prediction time: a window is judged once
     * {@code labelDelay} has passed since it ended, with at least {@code minSample} outcomes covering at least
     * {@code coverage} of its predictions; before that it is PENDING_LABELS. Classification KPIs ({@code auc},
     * {@code precision}, {@code recall}, {@code f1}, {@code accuracy}; lower is worse, so {@code warn} &gt;
     * {@code breach}) on the score, a positive at or above {@code decisionThreshold} (default 0.5); regression KPIs
     * ({@code mae}, {@code rmse}; higher is worse) on the prediction. {@code fairness} bounds the gap of a KPI between
     * the slices of a feature.
     */
    public record Performance(Duration window, Duration labelDelay, int minSample, double coverage,
            Double decisionThreshold, Map<String, Levels> kpis, List<FairnessGap> fairness, Consecutive consecutive,
            List<String> onBreach) {
        public static final List<String> CLASSIFICATION = List.of("auc", "precision", "recall", "f1", "accuracy");
        public static final List<String> REGRESSION = List.of("mae", "rmse");

        public Performance {
            kpis = kpis == null ? Map.of() : Map.copyOf(kpis);
            fairness = fairness == null ? List.of() : List.copyOf(fairness);
            onBreach = onBreach == null ? List.of() : List.copyOf(onBreach);
        }

        /** The score at or above which a prediction is positive. */
        public double threshold() {
            return decisionThreshold == null ? 0.5 : decisionThreshold;
        }

        /** Whether the KPIs are classification ones (else regression). */
        public boolean classification() {
            return kpis.keySet().stream().anyMatch(CLASSIFICATION::contains)
                    || fairness.stream().anyMatch(gap -> CLASSIFICATION.contains(gap.metric()));
        }

        /** Whether a higher value of the KPI is worse (error KPIs) rather than better. */
        public static boolean higherIsWorse(String kpi) {
            return REGRESSION.contains(kpi);
        }
    }

    /** The largest allowed gap (highest − lowest) of {@code metric} between the values of the feature {@code slice}. */
    public record FairnessGap(String metric, String slice, Levels maxGap) {
    }

    /**
     * The service as it answered: the share of predictions that failed, and the 95th and 99th percentiles of latency
     * in milliseconds, per window with at least {@code minSample} records (higher is worse). Each optional; at least
     * one is given.
     */
    public record Service(Duration window, int minSample, Levels errorRate, Levels latencyP95Ms, Levels latencyP99Ms,
            Consecutive consecutive, List<String> onBreach) {
        public Service {
            onBreach = onBreach == null ? List.of() : List.copyOf(onBreach);
        }
    }

    /**
     * Two levels. Where higher is worse (drift, rates, latency, error KPIs, gaps) a value at or above {@code warn}
     * warns and at or above {@code breach} breaches ({@code warn} &lt; {@code breach}); where lower is worse (the
     * classification KPIs, {@code minRecords}) a value below {@code warn} warns and below {@code breach} breaches
     * ({@code warn} &gt; {@code breach}): a level is a minimum that an equal value meets.
     */
    public record Levels(double warn, double breach) {
    }

    /** How many of the last windows must breach before the policy acts, e.g. 2 of 3. */
    public record Consecutive(int breaches, int of) {
    }
}
