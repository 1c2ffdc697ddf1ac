package org.modelops.governance.registry;

import java.util.Optional;

/**
 * Remembers which request an Idempotency-Key was first used for, and what it produced. Claims and results join the
 * caller's transaction, so a request that fails leaves its key unused.
 */
public interface IdempotencyRecords {

    /** A request seen before under the same caller, scope and key. */
    record Earlier(String requestSha256, String resultRef) {
    }

    /**
     * Claims the key for this request; empty if the claim is new. If another transaction holds the key, waits for
     * it to finish and then reports what it did.
     */
    Optional<Earlier> claim(String caller, String scope, String key, String requestSha256);

    void complete(String caller, String scope, String key, String resultRef);
}
