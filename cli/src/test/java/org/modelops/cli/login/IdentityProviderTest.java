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

    @Test
    void theServiceNamesItsIssuerInItsProtectedResourceMetadataElseInItsOpenApi() throws Exception {
        try (var service = new org.modelops.cli.StandIn(request -> request.path().equals(
                "/.well-known/oauth-protected-resource")
                        ? org.modelops.cli.StandIn.Answer.json(200, "{\"resource\":\"x\",\"authorization_servers\":"
                                + "[\"http://kc/realms/a\"]}")
                        : org.modelops.cli.StandIn.Answer.json(404, "{}"))) {
            assertThat(IdentityProvider.issuerOf(new org.modelops.cli.http.Http(), service.url()))
                    .isEqualTo("http://kc/realms/a");
        }
        try (var older = new org.modelops.cli.StandIn(request -> request.path().equals("/openapi.yml")
                ? new org.modelops.cli.StandIn.Answer(200, "application/yaml", "components:\n  securitySchemes:\n"
                        + "    k: {type: openIdConnect, openIdConnectUrl: 'http://kc/realms/b/.well-known/openid-configuration'}\n")
                : new org.modelops.cli.StandIn.Answer(404, "text/html", "<html/>"))) {
            assertThat(IdentityProvider.issuerOf(new org.modelops.cli.http.Http(), older.url()))
                    .isEqualTo("http://kc/realms/b");
        }
        try (var silent = new org.modelops.cli.StandIn(request -> new org.modelops.cli.StandIn.Answer(404,
                "text/html", "<html/>"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> IdentityProvider.issuerOf(
                    new org.modelops.cli.http.Http(), silent.url())).hasMessageContaining("MODELOPS_ISSUER");
        }
    }
}
