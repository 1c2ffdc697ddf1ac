package org.modelops.governance.mlflow.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.modelops.governance.policy.model.Policy;
import org.modelops.governance.registry.model.VersionEvidence;

/**
 * What a version created through MLflow still lacks before its lifecycle can start: the artifact's digest (always),
 * and what its policy requires and cannot judge without (required metadata, every KPI's metric, the metric of every
 * fairness limit). Each gap names the version tag and the run field that would supply it. A rule that could be judged
 * is not a gap: a KPI below its minimum is for validation to reject.
 */
public final class EvidenceGaps {

    /** The metadata a policy may require and what supplies it, as a tag of the version or from the run. */
    static final Map<String, String> SUPPLIED_BY = Map.of(
            "description", "the version's description, or the run's description (tag " + RunEvidence.MLFLOW_NOTE
                    + ")",
            "intendedUse", "tag " + EvidenceTags.INTENDED_USE + " on the version or the run",
            "trainingData", "tags " + EvidenceTags.TRAINING_DATA_URI + " and " + EvidenceTags.TRAINING_DATA_SHA256
                    + ", or a dataset logged in the run with context \"training\" and a SHA-256 digest"
                    + " (mlflow.log_input(dataset, context=\"training\"))",
            "evaluationData", "tags " + EvidenceTags.EVALUATION_DATA_URI + " and "
                    + EvidenceTags.EVALUATION_DATA_SHA256 + ", or a dataset logged in the run with context"
                    + " \"evaluation\" and a SHA-256 digest",
            "code", "tags " + EvidenceTags.CODE_REPOSITORY + " and " + EvidenceTags.CODE_COMMIT + ", or the run's"
                    + " tags " + EvidenceTags.MLFLOW_GIT_REPO + " and " + EvidenceTags.MLFLOW_GIT_COMMIT,
            "params", "tags " + EvidenceTags.PARAM_PREFIX + "<name>, or the run's params",
            "metrics", "tags " + EvidenceTags.METRIC_PREFIX + "<name>, or the run's metrics",
            "sliceMetrics", "tag " + EvidenceTags.SLICE_METRICS + " on the version or the run");

    /** One missing piece of evidence and what would supply it. */
    public record Gap(String evidence, String suppliedBy) {

        @Override
        public String toString() {
            return evidence + " (give " + suppliedBy + ")";
        }
    }

    private EvidenceGaps() {
    }

    /**
     * @param presentMetadata the metadata the evidence carries, as policies name it
     */
    public static List<Gap> of(VersionEvidence evidence, Set<String> presentMetadata, Policy policy) {
        var gaps = new ArrayList<Gap>();
        if (evidence.artifactSha256() == null) {
            gaps.add(new Gap("the artifact's SHA-256 digest", "tag " + EvidenceTags.ARTIFACT_SHA256
                    + " on the version (set-model-version-tag) or on the run or logged model (mlflow.set_tag)"));
        }
        for (var field : policy.requiredMetadata()) {
            if (!presentMetadata.contains(field)) {
                gaps.add(new Gap("required-metadata:" + field, SUPPLIED_BY.getOrDefault(field, "the " + field)));
            }
        }
        policy.kpis().keySet().stream().sorted().forEach(metric -> {
            if (!evidence.metrics().containsKey(metric)) {
                gaps.add(new Gap("kpi:" + metric + " (metric " + metric + " not reported)", "the run's metric "
                        + metric + " (mlflow.log_metric(\"" + metric + "\", …)) or tag " + EvidenceTags.METRIC_PREFIX
                        + metric));
            }
        });
        for (var limit : policy.fairness()) {
            boolean reported = evidence.sliceMetrics().values().stream()
                    .anyMatch(slice -> slice != null && slice.containsKey(limit.metric()));
            if (!reported) {
                gaps.add(new Gap("fairness:" + limit.metric() + " (no slice reports " + limit.metric() + ")",
                        "tag " + EvidenceTags.SLICE_METRICS + " on the version or the run, e.g. {\"gender=F\": {\""
                                + limit.metric() + "\": 0.81}, \"gender=M\": {\"" + limit.metric() + "\": 0.83}}"));
            }
        }
        return gaps;
    }

    /**
     * The {@code status_message} of a waiting version: what is missing under which policy, what the run could not
     * provide, and how the wait ends.
     *
     * @param runState how the run was read, e.g. "run 3f2a read from http://mlflow:5000"; null when none
     */
    public static String message(String policy, List<Gap> gaps, List<String> notes, String runState) {
        var message = new StringBuilder("Waiting for evidence required by ").append(policy)
                .append("; the governed lifecycle starts once it is complete. Missing: ");
        for (int i = 0; i < gaps.size(); i++) {
            message.append(i == 0 ? "" : "; ").append(i + 1).append(") ").append(gaps.get(i));
        }
        message.append('.');
        if (runState != null) {
            message.append(" Run: ").append(runState).append('.');
        }
        if (!notes.isEmpty()) {
            message.append(" Not usable from the run: ").append(String.join("; ", notes)).append('.');
        }
        message.append(" Set the missing tags on this version (set-model-version-tag) or on the run and create the"
                + " version again with the same request; nothing is decided before.");
        return message.toString();
    }
}
