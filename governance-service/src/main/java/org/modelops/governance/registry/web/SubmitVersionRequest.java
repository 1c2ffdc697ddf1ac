package org.modelops.governance.registry.web;

import java.util.Map;
import org.modelops.governance.registry.model.CodeReference;
import org.modelops.governance.registry.model.DataReference;
import org.modelops.governance.registry.model.Sha256;
import org.modelops.governance.registry.model.VersionEvidence;

/** Body of {@code POST /api/v1/models/{name}/versions}; its rules are {@code /schemas/version-submission.json}. */
record SubmitVersionRequest(String artifactUri, String artifactSha256, String framework, String description,
        String intendedUse, Data trainingData, Data evaluationData, Code code, Map<String, Object> params,
        Map<String, Double> metrics, Map<String, Map<String, Double>> sliceMetrics, Map<String, String> tags,
        String answersRetrainingRequest) {

    record Data(String uri, String sha256) {
        DataReference toReference() {
            return new DataReference(uri, new Sha256(sha256));
        }
    }

    record Code(String repository, String commit) {
    }

    VersionEvidence toEvidence() {
        return new VersionEvidence(artifactUri, new Sha256(artifactSha256), framework, description, intendedUse,
                trainingData == null ? null : trainingData.toReference(),
                evaluationData == null ? null : evaluationData.toReference(),
                code == null ? null : new CodeReference(code.repository(), code.commit()), params, metrics,
                sliceMetrics, tags);
    }
}
