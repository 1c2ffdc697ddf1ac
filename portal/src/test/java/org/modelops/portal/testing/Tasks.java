package org.modelops.portal.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.modelops.portal.governance.DecisionTask;
import org.modelops.portal.governance.DecisionTask.Contender;
import org.modelops.portal.governance.PolicyReference;
import org.modelops.portal.governance.Verdict;
import org.modelops.portal.security.Roles;

/** Decision tasks as the service would list them in an inbox. */
public final class Tasks {

    private Tasks() {
    }

    /** A task for {@code model} v{@code version}; a champion v{@code version - 1} exists when version > 1. */
    public static DecisionTask task(String id, String model, int version, String riskTier, boolean escalated,
            Instant createdAt) {
        var challenger = new Contender(version, Map.of("auc", 0.91, "accuracy", 0.88), null,
                Map.of("auc", 0.91, "accuracy", 0.88), Map.of("region=eu", Map.of("auc", 0.9)),
                "gradient boosted trees", "credit pre-screening", "erin");
        var champion = version > 1
                ? new Contender(version - 1, Map.of("auc", 0.89, "accuracy", 0.87), null,
                        Map.of("auc", 0.89, "accuracy", 0.87), Map.of(), "previous", "same", "erin")
                : null;
        var passed = new Verdict("validation", "PASSED",
                List.of(new Verdict.RuleResult("min-auc", "minimum", true, "0.91", "0.6", "auc 0.91 is at least 0.6")));
        return new DecisionTask(id, "Approve promotion", model, version, riskTier, createdAt,
                List.of(Roles.DOMAIN_EXPERT), escalated, "HIGH".equals(riskTier) ? 2 : 1, 0,
                new PolicyReference("default", 3, "abc123"), challenger, champion, Map.of("auc", 0.02), null, passed,
                passed, evidence(id), null);
    }

    /** The evidence hash the service would give the task: 64 hex digits, different per task. */
    public static String evidence(String taskId) {
        return String.format("%064x", Math.abs((long) taskId.hashCode()));
    }

    /** The same task, sent back to the inbox because {@code change} happened. */
    public static DecisionTask reopened(DecisionTask task, String change) {
        return new DecisionTask(task.id(), task.name(), task.model(), task.version(), task.riskTier(),
                task.createdAt(), task.candidateRoles(), task.escalated(), task.approvalsRequired(), 0, task.policy(),
                task.challenger(), task.champion(), task.deltas(), task.comparison(), task.validation(),
                task.challenge(), task.evidenceSha256(), change);
    }

    /** The same task with a new id and new evidence, as the service lists it after a re-decision. */
    public static DecisionTask redecided(DecisionTask task, String newId, String change) {
        return new DecisionTask(newId, task.name(), task.model(), task.version(), task.riskTier(), task.createdAt(),
                task.candidateRoles(), task.escalated(), task.approvalsRequired(), 0, task.policy(),
                task.challenger(), task.champion(), task.deltas(), task.comparison(), task.validation(),
                task.challenge(), evidence(newId), change);
    }

    /** The same task, its evidence now {@code evidenceSha256} (the service answers it so after new evidence). */
    public static DecisionTask withEvidence(DecisionTask task, String evidenceSha256) {
        return new DecisionTask(task.id(), task.name(), task.model(), task.version(), task.riskTier(),
                task.createdAt(), task.candidateRoles(), task.escalated(), task.approvalsRequired(),
                task.approvalsSoFar(), task.policy(), task.challenger(), task.champion(), task.deltas(),
                task.comparison(), task.validation(), task.challenge(), evidenceSha256, task.reopenedBecause());
    }

    /** The same task, its two versions compared on the dataset {@code datasetSha256}. */
    public static DecisionTask compared(DecisionTask task, String datasetSha256, Map<String, Double> challenger,
            Map<String, Double> champion, Map<String, Double> deltas) {
        var comparison = new DecisionTask.Comparison(datasetSha256, challenger, champion, deltas);
        var c = task.challenger();
        var onDataset = new Contender(c.version(), challenger, datasetSha256, c.submittedMetrics(), c.sliceMetrics(),
                c.description(), c.intendedUse(), c.submittedBy());
        var h = task.champion();
        var championOnDataset = new Contender(h.version(), champion, datasetSha256, h.submittedMetrics(),
                h.sliceMetrics(), h.description(), h.intendedUse(), h.submittedBy());
        return new DecisionTask(task.id(), task.name(), task.model(), task.version(), task.riskTier(),
                task.createdAt(), task.candidateRoles(), task.escalated(), task.approvalsRequired(),
                task.approvalsSoFar(), task.policy(), onDataset, championOnDataset, deltas, comparison,
                task.validation(), task.challenge(), task.evidenceSha256(), task.reopenedBecause());
    }
}
