package org.modelops.portal.governance;

/** The service's check of the audit hash chain: intact, how many events were checked, or where it broke. */
public record IntegrityReport(boolean ok, long checked, Long firstBrokenSequence, String problem) {
}
