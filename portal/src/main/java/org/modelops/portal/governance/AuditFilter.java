package org.modelops.portal.governance;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which audit events to show or export; a blank field does not filter. {@code to} is exclusive. {@code upToSequence},
 * when set, leaves out events newer than the one a reader saw first, so that paging a growing trail shows no row twice.
 */
public record AuditFilter(String model, String actor, String action, Instant from, Instant to, Long upToSequence) {

    public static final AuditFilter EVERYTHING = new AuditFilter(null, null, null, null, null);

    public AuditFilter(String model, String actor, String action, Instant from, Instant to) {
        this(model, actor, action, from, to, null);
    }

    /** The same filter, pinned at an event: nothing newer than it is shown. */
    public AuditFilter upTo(long sequence) {
        return new AuditFilter(model, actor, action, from, to, sequence);
    }

    /** The filter as the service's query parameters, blank fields left out. */
    public Map<String, String> parameters() {
        var parameters = new LinkedHashMap<String, String>();
        putIfPresent(parameters, "model", model);
        putIfPresent(parameters, "actor", actor);
        putIfPresent(parameters, "action", action);
        if (from != null) {
            parameters.put("from", from.toString());
        }
        if (to != null) {
            parameters.put("to", to.toString());
        }
        if (upToSequence != null) {
            parameters.put("toSequence", upToSequence.toString());
        }
        return parameters;
    }

    private static void putIfPresent(Map<String, String> parameters, String name, String value) {
        if (value != null && !value.isBlank()) {
            parameters.put(name, value.strip());
        }
    }
}
