package org.modelops.governance.security;

import java.util.List;
import java.util.Objects;

/**
 * A person or pipeline acting on the service, as the identity provider vouched for them: realm roles, and the teams
 * (Keycloak groups) they belong to, which decide separation of duties.
 */
public record Actor(String subject, String username, List<String> roles, List<String> teams) {

    public Actor {
        Objects.requireNonNull(subject, "subject");
        username = username == null || username.isBlank() ? subject : username;
        roles = roles == null ? List.of() : List.copyOf(roles);
        teams = teams == null ? List.of() : List.copyOf(teams);
    }

    public Actor(String subject, String username, List<String> roles) {
        this(subject, username, roles, List.of());
    }

    public static final Actor SYSTEM = new Actor("system", "system", List.of());

    public boolean memberOf(String team) {
        return teams.contains(team);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
