package org.modelops.portal.governance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An approval waiting in the caller's inbox, with the evidence to decide on: the challenger, the champion it would
 * replace (if any), the metric deltas, the policy's verdicts.
 */
public record DecisionTask(String id, String name, String model, int version, String riskTier, Instant createdAt,
        List<String> candidateRoles, boolean escalated, int approvalsRequired, int approvalsSoFar,
        PolicyReference policy, Contender challenger, Contender champion, Map<String, Double> deltas,
        Verdict validation, Verdict challenge) {

    public DecisionTask {
        candidateRoles = candidateRoles == null ? List.of() : List.copyOf(candidateRoles);
        deltas = deltas == null ? Map.of() : deltas;
    }

    public String title() {
        return model + " v" + version;
    }

    public int approvalsStillNeeded() {
        return Math.max(0, approvalsRequired - approvalsSoFar);
    }

    /** A version competing for traffic: its metrics, metrics by data slice, and what it is for. */
    public record Contender(int version, Map<String, Double> metrics, Map<String, Map<String, Double>> sliceMetrics,
            String description, String intendedUse, String submittedBy) {

        public Contender {
            metrics = metrics == null ? Map.of() : metrics;
            sliceMetrics = sliceMetrics == null ? Map.of() : sliceMetrics;
        }
    }
}
