package org.modelops.governance.mlflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.modelops.governance.lifecycle.LifecycleEvidence;
import org.modelops.governance.policy.model.Policy;
import org.modelops.governance.registry.model.VersionEvidence;

/** How a run becomes evidence, and what a policy still misses: every branch, without the service. */
class RunEvidenceTest {

    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "B".repeat(64);

    private static TrackedRun run(Map<String, String> tags, List<TrackedRun.Dataset> datasets,
            Map<String, Double> metrics) {
        return new TrackedRun("r1", null, Map.of("max_depth", "8"), metrics, tags, datasets, Map.of());
    }

    private static VersionEvidence evidence(Map<String, String> sent, TrackedRun run) {
        return EvidenceTags.of("runs:/r1/model", "r1", null, null, null, sent, Map.of(),
                RunEvidence.defaults(run).tags(), false);
    }

    private static final Policy HIGH = new Policy("high-risk", null, null, List.of("description", "intendedUse",
            "trainingData", "evaluationData", "code"),
            Map.of("auc", new Policy.KpiBounds(0.8, null), "f1",
                    new Policy.KpiBounds(0.7, null)),
            List.of(new Policy.FairnessLimit("recall", 0.05, null,
                    List.of())),
            List.of(), null, null, null, null);

    private static List<String> gaps(VersionEvidence evidence) {
        return EvidenceGaps.of(evidence, LifecycleEvidence.of(evidence).presentMetadata(), HIGH).stream()
                .map(EvidenceGaps.Gap::evidence).toList();
    }

    @Test
    void aRunsParamsMetricsDatasetsAndGitTagsBecomeEvidence() {
        var run = run(Map.of("mlflow.source.git.commit", "a1b2c3d", "mlflow.source.git.repoURL", "https://git/x",
                "mlflow.note.content", "Monthly retrain", "modelops.artifact_sha256", SHA_A,
                "modelops.intended_use", "loans"),
                List.of(new TrackedRun.Dataset("train", SHA_A, "s3",
                        "s3://d/train", "training"),
                        new TrackedRun.Dataset("holdout", SHA_B, "s3", "s3://d/eval",
                                "eval")),
                Map.of("auc", 0.91, "f1", 0.78));
        var evidence = evidence(Map.of(), run);
        assertThat(evidence.artifactSha256().hex()).isEqualTo(SHA_A);
        assertThat(evidence.description()).isEqualTo("Monthly retrain");
        assertThat(evidence.intendedUse()).isEqualTo("loans");
        assertThat(evidence.trainingData().uri()).isEqualTo("s3://d/train");
        assertThat(evidence.evaluationData().sha256().hex()).isEqualTo("b".repeat(64));
        assertThat(evidence.code().commit()).isEqualTo("a1b2c3d");
        assertThat(evidence.metrics()).containsEntry("auc", 0.91).containsEntry("f1", 0.78);
        assertThat(evidence.params()).containsEntry("max_depth", 8L);
        assertThat(evidence.tags()).as("only what the client sent, and the run id").containsOnlyKeys(
                EvidenceTags.RUN_ID);
        assertThat(gaps(evidence)).containsExactly("fairness:recall (no slice reports recall)");
    }

    @Test
    void aVersionsTagWinsOverItsRun() {
        var run = run(Map.of("modelops.intended_use", "from the run"), List.of(), Map.of("auc", 0.70));
        var evidence = evidence(Map.of("modelops.intended_use", "from the version", "modelops.metric.auc", "0.9"),
                run);
        assertThat(evidence.intendedUse()).isEqualTo("from the version");
        assertThat(evidence.metrics()).containsEntry("auc", 0.9);
    }

    @Test
    void whatTheRunCannotProvideIsANoteAndStaysMissing() {
        var run = run(Map.of("mlflow.source.git.commit", "a1b2c3d", "modelops.artifact_sha256", "short"),
                List.of(new TrackedRun.Dataset("train", "3f2a9c1d", "s3", "s3://d/train", "training"),
                        new TrackedRun.Dataset("holdout", SHA_B, "code", null, "evaluation"),
                        new TrackedRun.Dataset("extra", SHA_B, "s3", "s3://d/x", null)),
                Map.of("auc", Double.NaN));
        var defaults = RunEvidence.defaults(run);
        assertThat(defaults.tags()).doesNotContainKeys(EvidenceTags.ARTIFACT_SHA256, EvidenceTags.CODE_COMMIT,
                EvidenceTags.TRAINING_DATA_SHA256, EvidenceTags.EVALUATION_DATA_URI, "modelops.metric.auc");
        assertThat(String.join("\n", defaults.notes())).contains("not a SHA-256 digest: 'short'",
                "3f2a9c1d", "MLflow's short content hash", "names no URI", "no repository", "NaN",
                "[extra] without the context tag");
        assertThat(gaps(evidence(Map.of(), run))).containsExactly("the artifact's SHA-256 digest",
                "required-metadata:description", "required-metadata:intendedUse", "required-metadata:trainingData",
                "required-metadata:evaluationData", "required-metadata:code", "kpi:auc (metric auc not reported)",
                "kpi:f1 (metric f1 not reported)", "fairness:recall (no slice reports recall)");
    }

    @Test
    void noRunMeansTheTagsAlone() {
        assertThat(RunEvidence.defaults(null)).isEqualTo(RunEvidence.Defaults.NONE);
        var evidence = evidence(Map.of("modelops.artifact_sha256", SHA_A), null);
        assertThat(evidence.artifactSha256().hex()).isEqualTo(SHA_A);
        assertThat(gaps(evidence)).doesNotContain("the artifact's SHA-256 digest").contains("kpi:auc (metric auc"
                + " not reported)");
    }

    @Test
    void halfAPairIsMissingWhileWaitingAndAnErrorWhenStrict() {
        var sent = Map.of("modelops.training_data_uri", "s3://d/train", "modelops.code_commit", "a1b2c3d");
        assertThat(evidence(sent, null).trainingData()).isNull();
        assertThat(EvidenceTags.incompletePairs(sent, Map.of())).extracting(EvidenceGaps.Gap::suppliedBy)
                .containsExactly("tag modelops.training_data_sha256", "tag modelops.code_repository");
        assertThat(EvidenceTags.incompletePairs(sent, Map.of("modelops.training_data_sha256", SHA_A,
                "modelops.code_repository", "https://git/x"))).isEmpty();
        assertThatThrownBy(() -> EvidenceTags.of("s3://x", null, null, null, null, sent, Map.of()))
                .isInstanceOf(MlflowError.class).hasMessageContaining("modelops.training_data_sha256");
    }

    @Test
    void theMessageListsEachGapWithWhatSuppliesItAndHowTheWaitEnds() {
        var message = EvidenceGaps.message("policy high-risk v1", List.of(new EvidenceGaps.Gap("kpi:f1", "tag"
                + " modelops.metric.f1")), List.of("a note"), new RunLookup(null, "HTTP 503", "run r1 on http://t")
                        .state());
        assertThat(message).contains("policy high-risk v1", "1) kpi:f1 (give tag modelops.metric.f1)",
                "run r1 on http://t could not be read: HTTP 503", "read again", "a note", "set-model-version-tag");
        assertThat(RunLookup.NOTHING.state()).isNull();
        assertThat(RunLookup.read(run(Map.of(), List.of(), Map.of()), "run r1").state()).isEqualTo("run r1 was read");
        assertThat(Set.copyOf(EvidenceGaps.SUPPLIED_BY.keySet())).containsAll(HIGH.requiredMetadata());
    }
}
