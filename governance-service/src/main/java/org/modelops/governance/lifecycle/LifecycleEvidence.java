package org.modelops.governance.lifecycle;

import java.util.LinkedHashSet;
import org.modelops.governance.policy.model.Evidence;
import org.modelops.governance.registry.model.VersionEvidence;

/** Translates a version's submitted evidence into what policy rules look at. */
public final class LifecycleEvidence {

    private LifecycleEvidence() {
    }

    public static Evidence of(VersionEvidence evidence) {
        var present = new LinkedHashSet<String>();
        if (evidence.description() != null && !evidence.description().isBlank()) {
            present.add("description");
        }
        if (evidence.intendedUse() != null && !evidence.intendedUse().isBlank()) {
            present.add("intendedUse");
        }
        if (evidence.trainingData() != null) {
            present.add("trainingData");
        }
        if (evidence.evaluationData() != null) {
            present.add("evaluationData");
        }
        if (evidence.code() != null) {
            present.add("code");
        }
        if (!evidence.params().isEmpty()) {
            present.add("params");
        }
        if (!evidence.metrics().isEmpty()) {
            present.add("metrics");
        }
        if (!evidence.sliceMetrics().isEmpty()) {
            present.add("sliceMetrics");
        }
        return new Evidence(present, evidence.metrics(), evidence.sliceMetrics(), evidence.params(), evidence.tags(),
                evidence.evaluationData() == null ? null : evidence.evaluationData().sha256().hex());
    }
}
