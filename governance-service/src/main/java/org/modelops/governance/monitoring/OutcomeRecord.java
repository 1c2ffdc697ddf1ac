package org.modelops.governance.monitoring;

/**
 * What really happened to a prediction, sent once it is known: the prediction's id (as its record was sent), the
 * outcome (1/0 or true/false for a classifier, a number for a regressor) and when it was observed (ISO-8601).
 */
public record OutcomeRecord(String predictionId, Object outcome, String time) {
}
