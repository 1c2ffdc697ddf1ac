package org.modelops.portal.governance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One recorded step in a version's life: who did what, when, with which details. */
public record TimelineEntry(long sequence, Instant at, String action, String actor, List<String> actorRoles,
        Map<String, Object> details) {

    public TimelineEntry {
        actorRoles = actorRoles == null ? List.of() : List.copyOf(actorRoles);
        details = details == null ? Map.of() : details;
    }
}
