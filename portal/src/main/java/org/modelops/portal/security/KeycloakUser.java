package org.modelops.portal.security;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

import com.vaadin.flow.spring.annotation.UIScope;
import com.vaadin.flow.spring.security.AuthenticationContext;

/** The signed-in Keycloak user, read from Spring Security's context through Vaadin's {@link AuthenticationContext}. */
@Component
@UIScope
public class KeycloakUser implements CurrentUser {

    private final AuthenticationContext authentication;

    public KeycloakUser(AuthenticationContext authentication) {
        this.authentication = authentication;
    }

    @Override
    public String username() {
        return user().map(OidcUser::getPreferredUsername).orElse("anonymous");
    }

    @Override
    public String displayName() {
        return user().map(u -> u.getFullName() != null ? u.getFullName() : u.getPreferredUsername()).orElse("");
    }

    @Override
    public Set<String> roles() {
        return authentication.getAuthenticatedUser(OidcUser.class)
                .map(u -> u.getAuthorities()
                        .stream()
                        .map(GrantedAuthority::getAuthority)
                        .filter(a -> a.startsWith(RealmRoles.PREFIX))
                        .map(a -> a.substring(RealmRoles.PREFIX.length()))
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }

    @Override
    public void signOut() {
        authentication.logout();
    }

    private java.util.Optional<OidcUser> user() {
        return authentication.getAuthenticatedUser(OidcUser.class);
    }
}
