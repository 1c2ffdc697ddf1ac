package org.modelops.portal.security;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Loads the OIDC user and adds the Keycloak realm roles as {@code ROLE_<role>} authorities. Keycloak puts realm
 * roles only in the access token ({@code realm_access.roles}), so the token is decoded and its signature checked
 * against the realm's published keys before a role is believed.
 */
public class RealmRoles implements OAuth2UserService<OidcUserRequest, OidcUser> {

    static final String PREFIX = "ROLE_";

    private final OidcUserService users = new OidcUserService();
    private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        var user = users.loadUser(request);
        var authorities = new HashSet<GrantedAuthority>(user.getAuthorities());
        var token = decoder(request.getClientRegistration()).decode(request.getAccessToken().getTokenValue());
        authorities.addAll(roles(token.getClaimAsMap("realm_access")));
        return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), "preferred_username");
    }

    static List<GrantedAuthority> roles(Map<String, Object> realmAccess) {
        if (realmAccess == null || !(realmAccess.get("roles") instanceof Collection<?> roles)) {
            return List.of();
        }
        return roles.stream()
                .map(String::valueOf)
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(PREFIX + role))
                .toList();
    }

    private JwtDecoder decoder(ClientRegistration registration) {
        return decoders.computeIfAbsent(registration.getRegistrationId(),
                id -> NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri()).build());
    }
}
