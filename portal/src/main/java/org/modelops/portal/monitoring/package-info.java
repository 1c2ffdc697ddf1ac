/**
 * Production monitoring as people read it: a model's signals over time against their levels, drift per feature,
 * the verdicts in sentences, retraining requests, and the review of a breach (keep serving, roll back, retrain).
 */
package org.modelops.portal.monitoring;
