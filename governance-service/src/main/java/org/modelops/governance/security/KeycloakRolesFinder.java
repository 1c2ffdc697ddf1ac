package org.modelops.governance.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.DefaultRolesFinder;
import io.micronaut.security.token.RolesFinder;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Keycloak puts realm roles at {@code realm_access.roles} of the access token, a nested claim. */
@Singleton
@Replaces(DefaultRolesFinder.class)
class KeycloakRolesFinder implements RolesFinder {

    @Override
    public List<String> resolveRoles(@Nullable Map<String, Object> attributes) {
        if (attributes != null && attributes.get("realm_access") instanceof Map<?, ?> realmAccess
                && realmAccess.get("roles") instanceof Collection<?> roles) {
            return roles.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
