package org.modelops.governance.registry.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.policy.model.PolicyVerdict;
import org.modelops.governance.registry.model.ModelVersion;

@Serdeable
record VersionView(String model, int version, LifecycleState state, String artifactUri, String artifactSha256,
        String framework, @Nullable String description, @Nullable String intendedUse, @Nullable DataView trainingData,
        @Nullable DataView evaluationData, @Nullable CodeView code, Map<String, Object> params,
        Map<String, Double> metrics, Map<String, Map<String, Double>> sliceMetrics, Map<String, String> tags,
        String submittedBy, Instant submittedAt, @Nullable String lifecycleId, @Nullable String stateReason,
        PolicyRef policy, @Nullable PolicyVerdict validation, @Nullable PolicyVerdict challenge,
        @Nullable Integer championVersion, @Nullable String evidenceSha256, @Nullable Map<String, Object> comparison) {

    @Serdeable
    record PolicyRef(@Nullable String name, @Nullable Integer version, @Nullable String sha256) {
    }

    @Serdeable
    record DataView(String uri, String sha256) {
    }

    @Serdeable
    record CodeView(String repository, String commit) {
    }

    static VersionView of(ModelVersion version) {
        var evidence = version.evidence();
        return new VersionView(version.model().value(), version.version(), version.state(), evidence.artifactUri(),
                evidence.artifactSha256().hex(), evidence.framework(), evidence.description(),
                evidence.intendedUse(),
                evidence.trainingData() == null
                        ? null
                        : new DataView(evidence.trainingData().uri(), evidence.trainingData().sha256().hex()),
                evidence.evaluationData() == null
                        ? null
                        : new DataView(evidence.evaluationData().uri(), evidence.evaluationData().sha256().hex()),
                evidence.code() == null ? null : new CodeView(evidence.code().repository(), evidence.code().commit()),
                evidence.params(), evidence.metrics(), evidence.sliceMetrics(), evidence.tags(),
                version.submittedBy(), version.submittedAt(), version.lifecycleId(),
                version.governance().stateReason(), new PolicyRef(version.governance().policyName(),
                        version.governance().policyVersion(), version.governance().policySha256()),
                version.governance().validation(), version.governance().challenge(),
                version.governance().championVersion(), version.governance().evidenceSha256(),
                version.governance().comparison());
    }
}
