package org.modelops.governance.audit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * {@code governance.audit.*}: the checkpoint signing key pair, how often the head is signed, and the file that
 * witnesses the checkpoints outside the database (none when blank).
 */
@ConfigurationProperties("governance.audit")
public record AuditProperties(String keyId, String signingKey, String publicKey, Duration checkpointInterval,
        @Nullable String witnessFile) {
}
