/**
 * The compliance officer's pages: the audit trail over any number of events (lazy loading, filters by model, actor,
 * action and time), CSV and JSON Lines downloads, the integrity check of the hash chain, and a decision's evidence
 * bundle.
 */
package org.modelops.portal.audit;
