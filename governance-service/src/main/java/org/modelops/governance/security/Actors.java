package org.modelops.governance.security;

import io.micronaut.security.authentication.Authentication;
import java.util.Collection;
import java.util.List;

/** Turns a validated token into the {@link Actor} that the domain and the audit trail see. */
public final class Actors {

    private Actors() {
    }

    public static Actor of(Authentication authentication) {
        var attributes = authentication.getAttributes();
        var username = attributes.get("preferred_username");
        if (username == null) {
            username = attributes.get("azp");
        }
        var teams = attributes.get("groups") instanceof Collection<?> groups
                ? groups.stream().map(String::valueOf).map(group -> group.startsWith("/") ? group.substring(1) : group)
                        .toList()
                : List.<String>of();
        return new Actor(authentication.getName(), username == null ? null : username.toString(),
                List.copyOf(authentication.getRoles()), teams);
    }
}
