package org.modelops.governance.audit;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** {@code governance.audit.*}: the checkpoint signing key pair and how often the head is signed. */
@ConfigurationProperties("governance.audit")
public record AuditProperties(String keyId, String signingKey, String publicKey, Duration checkpointInterval) {
}
