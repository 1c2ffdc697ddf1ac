package org.modelops.governance.security;

import java.util.List;
import java.util.Objects;

/** A person or pipeline acting on the service, as the identity provider vouched for them. */
public record Actor(String subject, String username, List<String> roles) {

    public Actor {
        Objects.requireNonNull(subject, "subject");
        username = username == null || username.isBlank() ? subject : username;
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public static final Actor SYSTEM = new Actor("system", "system", List.of());

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
