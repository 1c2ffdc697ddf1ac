package org.modelops.portal.governance;

import java.time.Instant;
import java.util.Map;

/** A registered model: the thing versions are submitted for, owned by a team, in a risk tier. */
public record ModelSummary(String name, String description, String ownerTeam, String riskTier,
        Map<String, String> tags, Instant createdAt, String createdBy, Integer latestVersion) {

    public ModelSummary {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
