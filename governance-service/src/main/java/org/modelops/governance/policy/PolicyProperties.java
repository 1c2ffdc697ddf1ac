package org.modelops.governance.policy;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** {@code governance.policies.directory}: policy files that override the packaged ones at start-up. */
@ConfigurationProperties("governance.policies")
public record PolicyProperties(@Nullable String directory) {
}
