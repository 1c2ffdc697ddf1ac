package org.modelops.governance.registry.model;

import java.time.Instant;
import java.util.Map;

/** A model under governance: its versions are numbered from 1 in submission order. */
public record RegisteredModel(ModelName name, String description, String ownerTeam, RiskTier riskTier,
        Map<String, String> tags, Instant createdAt, String createdBy, int latestVersion) {

    public RegisteredModel {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        description = description == null ? "" : description;
    }
}
