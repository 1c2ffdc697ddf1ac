/**
 * Human approval: the decisions domain experts take on a version's promotion, with separation of duties (the
 * submitter and the owner team cannot approve; one person counts once), recorded with their comment and completed
 * in the same transaction as the workflow step they finish.
 */
package org.modelops.governance.approval;
