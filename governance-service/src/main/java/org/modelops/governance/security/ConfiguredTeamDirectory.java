package org.modelops.governance.security;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The teams are configured ({@code governance.teams}, env {@code GOVERNANCE_TEAMS}) to match the realm's groups: the
 * service needs no credentials for Keycloak's admin API. The price: a group added in Keycloak is unknown here until
 * the list names it too (docs/api.md).
 */
@Singleton
final class ConfiguredTeamDirectory implements TeamDirectory {

    private final List<String> teams;

    ConfiguredTeamDirectory(@Value("${governance.teams:}") List<String> teams) {
        this.teams = teams.stream().map(String::trim).filter(team -> !team.isEmpty()).distinct().toList();
    }

    @Override
    public boolean exists(String team) {
        return teams.contains(team);
    }

    @Override
    public List<String> teams() {
        return teams;
    }
}
