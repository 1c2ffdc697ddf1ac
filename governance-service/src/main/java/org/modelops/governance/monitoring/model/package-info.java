/**
 * The statistics of monitoring, free of any framework: bins frozen from a baseline, PSI and Jensen–Shannon distance on
 * them, the verdict of a window and the k-of-n rule over the last windows.
 */
package org.modelops.governance.monitoring.model;
