package org.modelops.governance.monitoring;

import java.util.Map;

/**
 * One prediction as a collector sends it: its id (unique per version; a retry sends the same one), when it was made
 * (ISO-8601 with offset), the arm that served it ({@code champion}, {@code canary}, {@code shadow}), the features and
 * the prediction; the positive class's {@code score} (classification), the serving {@code latencyMs} and whether it
 * failed ({@code error}).
 */
public record PredictionRecord(String id, String time, String arm, Map<String, Object> features, Object prediction,
        Double score, Double latencyMs, Boolean error) {

    public PredictionRecord {
        features = features == null ? Map.of() : features;
    }

}
