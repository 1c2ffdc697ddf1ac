package org.modelops.cli.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentityProviderTest {

    @Test
    void theIssuerIsReadFromTheOpenApiSecurityScheme() {
        var document = """
                openapi: 3.1.0
                components:
                  securitySchemes:
                    keycloak:
                      type: openIdConnect
                      openIdConnectUrl: http://kc:8180/realms/modelops/.well-known/openid-configuration
                """;
        assertThat(IdentityProvider.issuerInOpenApi(document)).isEqualTo("http://kc:8180/realms/modelops");
        assertThat(IdentityProvider.issuerInOpenApi("openapi: 3.1.0\n")).isNull();
        assertThat(IdentityProvider.issuerInOpenApi("{{{")).isNull();
    }
}
