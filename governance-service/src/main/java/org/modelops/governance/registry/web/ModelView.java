package org.modelops.governance.registry.web;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;
import org.modelops.governance.registry.model.RegisteredModel;
import org.modelops.governance.registry.model.RiskTier;

@Serdeable
record ModelView(String name, String description, String ownerTeam, RiskTier riskTier, Map<String, String> tags,
        Instant createdAt, String createdBy, int latestVersion) {

    static ModelView of(RegisteredModel model) {
        return new ModelView(model.name().value(), model.description(), model.ownerTeam(), model.riskTier(),
                model.tags(), model.createdAt(), model.createdBy(), model.latestVersion());
    }
}
