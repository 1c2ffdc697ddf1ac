package org.modelops.governance.registry.web;

import org.modelops.governance.registry.model.RiskTier;

/** Body of {@code PATCH /api/v1/models/{name}}; its rules are {@code /schemas/model-reclassification.json}. */
record ReclassifyModelRequest(RiskTier riskTier, String ownerTeam, String reason) {
}
