package org.modelops.governance.registry.model;

import java.util.Map;

/** A request to put a model under governance. */
public record ModelRegistration(ModelName name, String description, String ownerTeam, RiskTier riskTier,
        Map<String, String> tags) {
}
