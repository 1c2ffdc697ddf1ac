package org.modelops.portal.governance;

import java.time.Instant;
import java.util.Map;

/**
 * One submitted version of a model and where it stands in its lifecycle; {@code evidenceSha256} is the evidence its
 * decision is bound to.
 */
public record ModelVersion(String model, int version, String state, String stateReason, String framework,
        String description, String intendedUse, String artifactUri, String artifactSha256,
        Map<String, Double> metrics, Map<String, Map<String, Double>> sliceMetrics, String submittedBy,
        Instant submittedAt, PolicyReference policy, Integer championVersion, Verdict validation, Verdict challenge,
        String evidenceSha256) {

    public ModelVersion {
        metrics = metrics == null ? Map.of() : metrics;
        sliceMetrics = sliceMetrics == null ? Map.of() : sliceMetrics;
    }

    public boolean serving() {
        return "CHAMPION".equals(state) || "ROLLING_OUT".equals(state);
    }

    public boolean retired() {
        return "RETIRED".equals(state);
    }
}
