package org.modelops.governance.policy.model;

import java.time.Instant;

/** A published version of a policy: its number, the SHA-256 of its exact text, the text and the parsed rules. */
public record PolicyVersion(String name, int version, String sha256, String content, Instant publishedAt,
        String publishedBy, Policy policy) {
}
