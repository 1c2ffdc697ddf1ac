package org.modelops.audit;

import java.time.Instant;

/**
 * Filters over the trail; null matches everything. {@code model} matches the model and all its versions; with
 * {@code version} only that version. {@code from} is inclusive, {@code to} exclusive. {@code fromSequence} and
 * {@code toSequence} bound the sequence numbers (both inclusive).
 */
public record AuditQuery(String model, Integer version, String actor, String action, Instant from, Instant to,
        Long fromSequence, Long toSequence) {

    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null, null, null, null);

    /** True when the query selects a contiguous run of sequence numbers, so the links between events can be checked. */
    public boolean isContiguous() {
        return model == null && version == null && actor == null && action == null && from == null && to == null;
    }

    public AuditQuery upTo(long sequence) {
        long bound = toSequence == null ? sequence : Math.min(toSequence, sequence);
        return new AuditQuery(model, version, actor, action, from, to, fromSequence, bound);
    }
}
