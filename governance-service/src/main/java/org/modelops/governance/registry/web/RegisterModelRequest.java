package org.modelops.governance.registry.web;

import java.util.Map;
import org.modelops.governance.registry.model.ModelName;
import org.modelops.governance.registry.model.ModelRegistration;
import org.modelops.governance.registry.model.RiskTier;

/** Body of {@code POST /api/v1/models}; its rules are {@code /schemas/model-registration.json}. */
record RegisterModelRequest(String name, String description, String ownerTeam, RiskTier riskTier,
        Map<String, String> tags) {

    ModelRegistration toRegistration() {
        return new ModelRegistration(new ModelName(name), description, ownerTeam, riskTier, tags);
    }
}
