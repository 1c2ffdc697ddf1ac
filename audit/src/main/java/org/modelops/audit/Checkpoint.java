package org.modelops.audit;

import java.time.Instant;
import java.util.LinkedHashMap;

/**
 * A signed statement "the chain's head was event {@code sequence} with {@code hash} at {@code signedAt}". Removing
 * the newest events, which no hash link can reveal, contradicts the latest checkpoint.
 */
public record Checkpoint(long sequence, String hash, Instant signedAt, String keyId, String signature) {

    /** The signed bytes: RFC 8785 canonical JSON of {hash, keyId, sequence, signedAt}. */
    public String payload() {
        var body = new LinkedHashMap<String, Object>();
        body.put("hash", hash);
        body.put("keyId", keyId);
        body.put("sequence", sequence);
        body.put("signedAt", CanonicalForm.formatTime(signedAt));
        return CanonicalForm.canonical(body);
    }
}
