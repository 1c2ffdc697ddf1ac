/**
 * Promotion decisions for domain experts: the inbox of approvals waiting for them, and the decision page that puts
 * the challenger beside the champion (metrics, deltas, fairness by slice, the policy's verdicts in plain language)
 * with Approve and Reject. The {@link org.modelops.portal.decision.DecisionForm} only fires events; the view calls
 * the service.
 */
package org.modelops.portal.decision;
