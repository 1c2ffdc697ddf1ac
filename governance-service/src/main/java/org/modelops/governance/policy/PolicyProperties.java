package org.modelops.governance.policy;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code governance.policies.directory}: policy files seeded at start-up beside, or in place of, the packaged ones;
 * like them, they only seed names that have no version yet (docs/policies.md).
 */
@ConfigurationProperties("governance.policies")
public record PolicyProperties(@Nullable String directory) {
}
