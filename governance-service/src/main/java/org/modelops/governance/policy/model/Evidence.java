package org.modelops.governance.policy.model;

import java.util.Map;
import java.util.Set;

/**
 * What the rules look at: the metadata a version carries, its metrics overall and per slice, parameters, tags and
 * the digest of its evaluation dataset.
 */
public record Evidence(Set<String> presentMetadata, Map<String, Double> metrics,
        Map<String, Map<String, Double>> sliceMetrics, Map<String, Object> params, Map<String, String> tags,
        String evaluationDataSha256) {
}
