package org.modelops.governance.registry.model;

import java.util.Map;

/**
 * Filters of a catalog search; each null filter matches everything. {@code text} matches a part of the name or
 * description; {@code tag} is one {@code key=value}; {@code state} keeps models with a version in that state.
 */
public record ModelSearch(String text, RiskTier riskTier, Map.Entry<String, String> tag, LifecycleState state) {
}
