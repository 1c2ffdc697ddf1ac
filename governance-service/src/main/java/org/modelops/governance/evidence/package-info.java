/**
 * Evidence bundles for compliance: everything behind one decision about one version in one document — the
 * version's digests, the exact policy text and hash it was judged under, the verdicts, the approvers and their
 * comments, and the audit events (with their hashes) that recorded it all.
 */
package org.modelops.governance.evidence;
