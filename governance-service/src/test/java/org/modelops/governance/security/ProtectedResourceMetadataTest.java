package org.modelops.governance.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.modelops.governance.testing.ServiceTest;

/** RFC 9728 metadata: a client finds the issuer from the service's URL alone, without a token. */
@MicronautTest
class ProtectedResourceMetadataTest extends ServiceTest {

    @Inject
    @Value("${governance.oidc.issuer}")
    String issuer;

    @Test
    void namesTheIssuerOfTheAcceptedTokensWithoutAToken() {
        var response = api().get("/.well-known/oauth-protected-resource", null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var metadata = response.json();
        assertThat(metadata.path("authorization_servers").get(0).asText()).isEqualTo(issuer);
        assertThat(metadata.path("resource").asText()).startsWith("http://");
        assertThat(metadata.path("bearer_methods_supported").get(0).asText()).isEqualTo("header");
    }
}
