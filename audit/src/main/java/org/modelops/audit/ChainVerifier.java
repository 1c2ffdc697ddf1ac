package org.modelops.audit;

import java.util.Objects;
import java.util.function.BooleanSupplier;

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
        return accept(event.sequence(), event.previousHash(), event.hash(),
                () -> Objects.equals(CanonicalForm.hash(event), event.hash()));
    }

    /**
     * The same checks when the event's hash was already recomputed (in parallel, see {@link JdbcAuditTrail#verify}):
     * {@code hashMatches} tells whether its canonical form hashes to {@code hash}.
     */
    public boolean accept(long sequence, String previousHash, String hash, boolean hashMatches) {
        return accept(sequence, previousHash, hash, () -> hashMatches);
    }

    private boolean accept(long sequence, String previousHash, String hash, BooleanSupplier hashMatches) {
        if (broken != null) {
            return false;
        }
        checked++;
        if (expectedSequence != null && sequence != expectedSequence) {
            broken = ChainVerification.brokenAt(checked, Math.min(expectedSequence, sequence),
                    "expected sequence " + expectedSequence + " but found " + sequence);
        } else if (expectedPreviousHash != null && !Objects.equals(previousHash, expectedPreviousHash)) {
            broken = ChainVerification.brokenAt(checked, sequence,
                    "previousHash does not match the hash of the event before it");
        } else if (!hashMatches.getAsBoolean()) {
            broken = ChainVerification.brokenAt(checked, sequence,
                    "hash does not match the event's canonical form");
        }
        expectedSequence = sequence + 1;
        expectedPreviousHash = hash;
        return broken == null;
    }

    public ChainVerification result() {
        return broken != null ? broken : ChainVerification.intact(checked);
    }
}
