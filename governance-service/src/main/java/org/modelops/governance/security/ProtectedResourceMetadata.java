package org.modelops.governance.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * OAuth 2.0 protected resource metadata (RFC 9728) at {@code /.well-known/oauth-protected-resource}: which
 * authorization server issues the tokens this service accepts, so that a client (the {@code modelops} CLI) needs
 * only the service's URL. Public, like the OpenID configuration it points to.
 */
@Controller("/.well-known/oauth-protected-resource")
@Secured(SecurityRule.IS_ANONYMOUS)
class ProtectedResourceMetadata {

    @Serdeable
    record Metadata(String resource, List<String> authorization_servers, List<String> bearer_methods_supported) {
    }

    private final String issuer;
    private final HttpHostResolver hosts;

    ProtectedResourceMetadata(@Value("${governance.oidc.issuer}") String issuer, HttpHostResolver hosts) {
        this.issuer = issuer;
        this.hosts = hosts;
    }

    @Get
    Metadata metadata(HttpRequest<?> request) {
        return new Metadata(hosts.resolve(request), List.of(issuer), List.of("header"));
    }
}
