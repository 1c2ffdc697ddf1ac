package org.modelops.portal.governance;

import java.util.LinkedHashMap;
import java.util.Map;

/** Which models the catalog shows: a search text (name or description), a risk tier, a version state. */
public record CatalogFilter(String text, String riskTier, String state) {

    public static final CatalogFilter EVERYTHING = new CatalogFilter(null, null, null);

    public Map<String, String> parameters() {
        var parameters = new LinkedHashMap<String, String>();
        if (text != null && !text.isBlank()) {
            parameters.put("q", text.strip());
        }
        if (riskTier != null && !riskTier.isBlank()) {
            parameters.put("riskTier", riskTier);
        }
        if (state != null && !state.isBlank()) {
            parameters.put("state", state);
        }
        return parameters;
    }
}
