/**
 * The service's side of the audit trail: it records each governed change in the transaction of the change itself
 * (through the {@code audit} module's hash chain), and offers compliance officers search, export and verification.
 */
package org.modelops.governance.audit;
