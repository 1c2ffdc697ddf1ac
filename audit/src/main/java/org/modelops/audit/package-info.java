/**
 * The audit trail: every governed change is recorded as an event whose SHA-256 hash covers a canonical (RFC 8785)
 * JSON form of the event and the hash of the event before it, so that any later change, insertion or removal inside
 * the chain is detectable by recomputing the hashes. This package is plain Java and JDBC: the service appends
 * through it inside its own transactions, and an auditor's verifier needs nothing but it.
 */
package org.modelops.audit;
