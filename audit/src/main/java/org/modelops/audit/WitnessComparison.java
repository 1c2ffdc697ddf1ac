package org.modelops.audit;

import java.security.PublicKey;
import java.util.List;
import java.util.Map;

/**
 * Compares a chain with the checkpoints its witness saw: every witnessed checkpoint must be signed by the key, and the
 * chain's event at that sequence must still have the witnessed hash. A database owner who also holds the signing key
 * can rewrite events, re-hash the chain and re-sign the stored checkpoints so that the chain and its checkpoints agree
 * again — but not the witness's copy.
 */
public final class WitnessComparison {

    private WitnessComparison() {
    }

    /**
     * @param witnessed the witness's checkpoints, by sequence
     * @param hashes the chain's hashes at (at least) the witnessed sequences that lie in [first, last]
     * @param stored the database's checkpoints by sequence, or null offline (an export carries only some)
     * @param last the chain's newest sequence
     * @param headExpected whether the chain is expected to reach every witnessed sequence (false for an export or a
     *            verification of a range that ends earlier)
     */
    public static ChainVerification compare(List<Checkpoint> witnessed, PublicKey key, Map<Long, String> hashes,
            Map<Long, Checkpoint> stored, long first, long last, boolean headExpected, long checked) {
        long matchedUpTo = first - 1;
        for (var witness : witnessed) {
            long sequence = witness.sequence();
            if (sequence < first || sequence > last && !headExpected) {
                continue;
            }
            if (!CheckpointSigner.verify(witness, key)) {
                return ChainVerification.brokenAt(checked, sequence,
                        "witnessed checkpoint " + sequence + " is not signed by the given key");
            }
            if (sequence > last) {
                return ChainVerification.brokenAt(checked, last + 1, "the witness saw event " + sequence
                        + " (checkpoint signed at " + witness.signedAt() + "), but the chain ends at " + last
                        + ": the newest events were removed");
            }
            var hash = hashes.get(sequence);
            if (hash == null) {
                return ChainVerification.brokenAt(checked, sequence,
                        "event " + sequence + ", witnessed at " + witness.signedAt() + ", is missing");
            }
            if (!hash.equals(witness.hash())) {
                return ChainVerification.brokenAt(checked, sequence, "event " + sequence
                        + " no longer has the hash its witness saw at " + witness.signedAt()
                        + ": the chain was rewritten at an event from " + (matchedUpTo + 1) + " to " + sequence
                        + " and re-hashed");
            }
            if (stored != null) {
                var own = stored.get(sequence);
                if (own == null) {
                    return ChainVerification.brokenAt(checked, sequence,
                            "witnessed checkpoint " + sequence + " is missing from the database");
                }
                if (!own.equals(witness)) {
                    return ChainVerification.brokenAt(checked, sequence, "checkpoint " + sequence
                            + " in the database differs from the witnessed one: it was signed again");
                }
            }
            matchedUpTo = sequence;
        }
        return ChainVerification.intact(checked);
    }
}
