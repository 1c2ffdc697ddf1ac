package org.modelops.audit;

import java.util.Objects;

/**
 * Checks events one at a time, in sequence order, without holding them: each must follow its predecessor's sequence
 * number, carry its predecessor's hash as {@code previousHash}, and hash to its own {@code hash}.
 */
public final class ChainVerifier {

    private Long expectedSequence;
    private String expectedPreviousHash;
    private long checked;
    private ChainVerification broken;

    /** Verifies a whole chain, starting at sequence 1 from the genesis hash. */
    public static ChainVerifier fromGenesis() {
        return new ChainVerifier(1L, AuditEvent.GENESIS_HASH);
    }

    /** Verifies a range that starts after the given event (or anywhere, when both are null). */
    public static ChainVerifier after(Long sequence, String hash) {
        return new ChainVerifier(sequence == null ? null : sequence + 1, hash);
    }

    private ChainVerifier(Long expectedSequence, String expectedPreviousHash) {
        this.expectedSequence = expectedSequence;
        this.expectedPreviousHash = expectedPreviousHash;
    }

    /** Returns false once the chain is broken; later events are then ignored. */
    public boolean accept(AuditEvent event) {
        if (broken != null) {
            return false;
        }
        checked++;
        if (expectedSequence != null && event.sequence() != expectedSequence) {
            broken = ChainVerification.brokenAt(checked, Math.min(expectedSequence, event.sequence()),
                    "expected sequence " + expectedSequence + " but found " + event.sequence());
        } else if (expectedPreviousHash != null && !Objects.equals(event.previousHash(), expectedPreviousHash)) {
            broken = ChainVerification.brokenAt(checked, event.sequence(),
                    "previousHash does not match the hash of the event before it");
        } else if (!Objects.equals(CanonicalForm.hash(event), event.hash())) {
            broken = ChainVerification.brokenAt(checked, event.sequence(),
                    "hash does not match the event's canonical form");
        }
        expectedSequence = event.sequence() + 1;
        expectedPreviousHash = event.hash();
        return broken == null;
    }

    public ChainVerification result() {
        return broken != null ? broken : ChainVerification.intact(checked);
    }
}
