package org.modelops.audit;

/**
 * The outcome of checking a run of events: {@code ok}, how many were checked, and the first sequence number whose
 * hash, link to its predecessor or position does not hold.
 */
public record ChainVerification(boolean ok, long checked, Long firstBrokenSequence, String problem) {

    public static ChainVerification intact(long checked) {
        return new ChainVerification(true, checked, null, null);
    }

    /** Nothing is found broken, but nothing proves the events either (e.g. a filtered export). */
    public static ChainVerification unproven(long checked, String problem) {
        return new ChainVerification(false, checked, null, problem);
    }

    public static ChainVerification brokenAt(long checked, long sequence, String problem) {
        return new ChainVerification(false, checked, sequence, problem);
    }

    /** Of two checks of one chain, the failure at the earlier sequence; a broken one before an unproven one. */
    public static ChainVerification earliest(ChainVerification a, ChainVerification b) {
        if (a.ok()) {
            return b;
        }
        if (b.ok() || b.firstBrokenSequence() == null) {
            return a;
        }
        if (a.firstBrokenSequence() == null) {
            return b;
        }
        return b.firstBrokenSequence() < a.firstBrokenSequence() ? b : a;
    }
}
