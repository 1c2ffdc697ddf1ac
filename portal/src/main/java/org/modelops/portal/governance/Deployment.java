package org.modelops.portal.governance;

import java.util.List;

/** Which versions of a model serve which share of traffic now. */
public record Deployment(String model, List<Share> serving) {

    public Deployment {
        serving = serving == null ? List.of() : List.copyOf(serving);
    }

    public record Share(int version, int percent, String state) {
    }
}
