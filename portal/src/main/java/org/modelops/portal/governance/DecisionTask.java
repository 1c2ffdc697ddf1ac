package org.modelops.portal.governance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An approval waiting in the caller's inbox, with the evidence to decide on: the challenger, the champion it would
 * replace (if any), the metric deltas on the compared dataset, the policy's verdicts. {@code evidenceSha256} is the
 * evidence a decision on this task is bound to; {@code reopenedBecause} says what changed when an earlier decision
 * was sent back to the inbox (null: it was not). {@code kind} says what is asked: a promotion's approval (null or
 * {@value #APPROVAL}) or the review of a monitoring breach ({@value #MONITORING_REVIEW}, its breach in {@code review}).
 */
public record DecisionTask(String id, String name, String model, int version, String riskTier, Instant createdAt,
        List<String> candidateRoles, boolean escalated, int approvalsRequired, int approvalsSoFar,
        PolicyReference policy, Contender challenger, Contender champion, Map<String, Double> deltas,
        Comparison comparison, Verdict validation, Verdict challenge, String evidenceSha256,
        String reopenedBecause, String kind, MonitoringReview review) {

    public static final String APPROVAL = "approval";
    public static final String MONITORING_REVIEW = "monitoring-review";
    public static final String RECERTIFICATION = "recertification";

    /** An approval task, as the service listed them before it had other kinds. */
    public DecisionTask(String id, String name, String model, int version, String riskTier, Instant createdAt,
            List<String> candidateRoles, boolean escalated, int approvalsRequired, int approvalsSoFar,
            PolicyReference policy, Contender challenger, Contender champion, Map<String, Double> deltas,
            Comparison comparison, Verdict validation, Verdict challenge, String evidenceSha256,
            String reopenedBecause) {
        this(id, name, model, version, riskTier, createdAt, candidateRoles, escalated, approvalsRequired,
                approvalsSoFar, policy, challenger, champion, deltas, comparison, validation, challenge,
                evidenceSha256, reopenedBecause, null, null);
    }

    public DecisionTask {
        candidateRoles = candidateRoles == null ? List.of() : List.copyOf(candidateRoles);
        deltas = deltas == null ? Map.of() : deltas;
    }

    /**
     * A serving-phase task — the review of a monitoring breach or a periodic re-certification — rather than a
     * promotion's approval: decided with the outcomes it lists.
     */
    public boolean monitoringReview() {
        if (kind == null) {
            return review != null;
        }
        var normalised = kind.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return MONITORING_REVIEW.equals(normalised) || RECERTIFICATION.equals(normalised);
    }

    /** The kind in words, for the inbox. */
    public String kindInWords() {
        if (!monitoringReview()) {
            return "approval";
        }
        return RECERTIFICATION.equals(kind == null ? null : kind.toLowerCase(java.util.Locale.ROOT))
                ? "re-certification"
                : "monitoring review";
    }

    public boolean reopened() {
        return reopenedBecause != null && !reopenedBecause.isBlank();
    }

    public String title() {
        return model + " v" + version;
    }

    public int approvalsStillNeeded() {
        return Math.max(0, approvalsRequired - approvalsSoFar);
    }

    /**
     * A version competing for traffic: its metrics (on {@code metricsDataset} when the two were compared, else as
     * submitted), the metrics it was submitted with, metrics by data slice, and what it is for.
     */
    public record Contender(int version, Map<String, Double> metrics, String metricsDataset,
            Map<String, Double> submittedMetrics, Map<String, Map<String, Double>> sliceMetrics, String description,
            String intendedUse, String submittedBy) {

        public Contender {
            metrics = metrics == null ? Map.of() : metrics;
            submittedMetrics = submittedMetrics == null ? Map.of() : submittedMetrics;
            sliceMetrics = sliceMetrics == null ? Map.of() : sliceMetrics;
        }
    }

    /** Challenger and champion measured on one dataset; the deltas are the service's, rounded to 4 places. */
    public record Comparison(String datasetSha256, Map<String, Double> challenger, Map<String, Double> champion,
            Map<String, Double> deltas) {

        public Comparison {
            challenger = challenger == null ? Map.of() : challenger;
            champion = champion == null ? Map.of() : champion;
            deltas = deltas == null ? Map.of() : deltas;
        }
    }

    /**
     * The breach a monitoring review is about: the signal and its verdict, the service's sentence, the evidence
     * (the windows and values it judged), and the outcomes the reviewer may choose from (for example keep serving,
     * roll back, request retraining).
     */
    public record MonitoringReview(String signal, String verdict, String explanation, Map<String, Object> evidence,
            List<String> outcomes) {

        public MonitoringReview {
            evidence = evidence == null ? Map.of() : evidence;
            outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        }
    }
}
