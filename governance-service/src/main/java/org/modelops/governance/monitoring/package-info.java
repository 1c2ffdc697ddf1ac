/**
 * Production monitoring of a serving version: its baseline profile (bins frozen from a reference sample), the
 * monitoring spec collectors count on, ingestion of prediction records into exact per-window bin counts, and the drift
 * verdicts the pinned policy's thresholds give them (docs/monitoring.md).
 */
package org.modelops.governance.monitoring;
