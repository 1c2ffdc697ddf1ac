package org.modelops.portal.security;

import java.util.function.Supplier;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;

/**
 * The signed-in user's current access token for calls to the governance service, refreshed with the refresh token
 * when it has expired. When Keycloak no longer honours the session, {@link SessionEnded} is thrown and the portal
 * sends the user back to sign in.
 */
public class AccessTokens implements Supplier<String> {

    private final OAuth2AuthorizedClientManager clients;

    public AccessTokens(OAuth2AuthorizedClientManager clients) {
        this.clients = clients;
    }

    @Override
    public String get() {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2AuthenticationToken user)) {
            throw new SessionEnded("no signed-in user");
        }
        try {
            var client = clients.authorize(OAuth2AuthorizeRequest
                    .withClientRegistrationId(user.getAuthorizedClientRegistrationId())
                    .principal(user)
                    .build());
            if (client == null) {
                throw new SessionEnded("no authorized client for " + user.getName());
            }
            return client.getAccessToken().getTokenValue();
        } catch (ClientAuthorizationException e) {
            throw new SessionEnded("the Keycloak session ended: " + e.getMessage());
        }
    }

    /** The user's sign-in is no longer valid; they must sign in again. */
    public static class SessionEnded extends RuntimeException {

        public SessionEnded(String message) {
            super(message);
        }
    }
}
