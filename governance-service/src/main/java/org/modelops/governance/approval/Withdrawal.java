package org.modelops.governance.approval;

import java.time.Instant;

/**
 * An approval task that ended without a decision: the lifecycle left it (e.g. the evidence changed under it).
 *
 * @param lifecycleId the lifecycle that left it, whose audit events say why
 * @param endedAt when it ended
 * @param engineReason the workflow engine's own word for it, when the trail says nothing
 */
public record Withdrawal(String model, int version, String lifecycleId, Instant endedAt, String engineReason) {
}
