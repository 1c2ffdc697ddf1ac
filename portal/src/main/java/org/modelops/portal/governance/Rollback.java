package org.modelops.portal.governance;

/**
 * What a rollback did: {@code version} is the version rolled back (the canary of a stopped rollout, or the former
 * champion), {@code servingVersion} what serves now (null: nothing does).
 */
public record Rollback(String model, int version, String state, String stateReason, boolean rolloutStopped,
        Integer servingVersion) {
}
