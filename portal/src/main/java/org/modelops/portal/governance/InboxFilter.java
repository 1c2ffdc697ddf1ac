package org.modelops.portal.governance;

import java.util.LinkedHashMap;
import java.util.Map;

/** Which decisions of the inbox to list; each null filter matches everything. */
public record InboxFilter(String model, String riskTier, Boolean escalated) {

    public static final InboxFilter ALL = new InboxFilter(null, null, null);

    public boolean matches(DecisionTask task) {
        return (model == null || model.equals(task.model())) && (riskTier == null || riskTier.equals(task.riskTier()))
                && (escalated == null || escalated == task.escalated());
    }

    /** The service's query parameters ({@code GET /api/v1/tasks}). */
    public Map<String, String> parameters() {
        var parameters = new LinkedHashMap<String, String>();
        if (model != null) {
            parameters.put("model", model);
        }
        if (riskTier != null) {
            parameters.put("riskTier", riskTier);
        }
        if (escalated != null) {
            parameters.put("escalated", escalated.toString());
        }
        return parameters;
    }
}
