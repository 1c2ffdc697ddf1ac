package org.modelops.portal.security;

import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;

/**
 * Every page needs a Keycloak sign-in (authorization code flow); signing out ends the Keycloak session too and
 * returns to the portal, which asks for a new sign-in. Only {@code /actuator/health} and the portal's own style
 * sheets are open. Every answer carries a Content-Security-Policy, nosniff, a same-origin referrer policy and a
 * refusal to be framed; the session cookie is SameSite=Lax (application.yml).
 */
@Configuration
@EnableWebSecurity
public class SecurityConfiguration {

    static final String LOGIN_PATH = "/oauth2/authorization/keycloak";

    /**
     * Vaadin Flow's client engine starts from an inline script and runs the expressions the server sends as
     * constructed functions, so scripts need 'unsafe-inline' 'unsafe-eval' and styles 'unsafe-inline'; everything
     * else is restricted to the portal's own origin, and no other site may frame it.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval';"
            + " style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain portalSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health", "/styles/**").permitAll());
        http.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .frameOptions(frames -> frames.deny())
                .contentTypeOptions(Customizer.withDefaults()));
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.oauth2LoginPage(LOGIN_PATH, "{baseUrl}"));
        return http.build();
    }

    @Bean
    OAuth2UserService<OidcUserRequest, OidcUser> realmRoles() {
        return new RealmRoles();
    }

    /**
     * The user's tokens live in their own HTTP session: two sign-ins of one person do not share or overwrite each
     * other's tokens, and the tokens go when the session goes.
     */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    @Bean
    OAuth2AuthorizedClientManager authorizedClients(ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientRepository clients) {
        var manager = new DefaultOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(
                OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().refreshToken().build());
        return manager;
    }

    @Bean
    AccessTokens accessTokens(OAuth2AuthorizedClientManager clients) {
        return new AccessTokens(clients);
    }
}
