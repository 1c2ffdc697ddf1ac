package org.modelops.governance.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.modelops.governance.testing.ServiceTest;

@MicronautTest
class SecurityTest extends ServiceTest {

    @Test
    void aCallWithoutATokenIsUnauthorizedWithAProblem() {
        var response = api().get("/api/v1/models", null);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.field("type")).isEqualTo("/problems/unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
    }

    @Test
    void aMalformedTokenIsUnauthorized() {
        assertThat(api().get("/api/v1/models", "not-a-jwt").status()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        assertThat(api().get("/api/v1/models", IDP.expiredTokenFor("erin", "ml-engineer")).status())
                .isEqualTo(401);
    }

    @Test
    void aTokenFromAnotherIssuerIsUnauthorized() {
        assertThat(api().get("/api/v1/models", IDP.tokenFromForeignIssuer("erin", "ml-engineer")).status())
                .isEqualTo(401);
    }

    @Test
    void aTokenSignedWithAnUnpublishedKeyIsUnauthorized() {
        assertThat(api().get("/api/v1/models", IDP.tokenSignedByAStranger("erin", "ml-engineer")).status())
                .isEqualTo(401);
    }

    @Test
    void anIdTokenIsNotAnAccessTokenAndIsUnauthorized() {
        assertThat(api().get("/api/v1/models", IDP.idTokenFor("dana", "domain-expert")).status()).isEqualTo(401);
    }

    @Test
    void aRefreshTokenIsUnauthorized() {
        assertThat(api().get("/api/v1/models", IDP.refreshTokenFor("dana", "domain-expert")).status())
                .isEqualTo(401);
    }

    @Test
    void anAccessTokenForAnotherApiIsUnauthorized() {
        assertThat(api().get("/api/v1/models", IDP.accessTokenForAnotherAudience("dana", "domain-expert")).status())
                .isEqualTo(401);
    }

    @Test
    void anAccessTokenWithoutAnAudienceIsUnauthorized() {
        assertThat(api().get("/api/v1/models", IDP.accessTokenWithoutAudience("dana", "domain-expert")).status())
                .isEqualTo(401);
    }

    @Test
    void aValidTokenReadsTheCatalog() {
        var response = api().get("/api/v1/models", dana());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().has("items")).isTrue();
        assertThat(response.json().has("total")).isTrue();
    }

    @Test
    void aTokenVerifiedOnceKeepsItsRolesAndATamperedCopyIsStillRefused() {
        var token = IDP.tokenFor("dana", "domain-expert");
        assertThat(api().get("/api/v1/models", token).status()).isEqualTo(200);
        assertThat(api().get("/api/v1/models", token).status()).isEqualTo(200);
        assertThat(api().post("/api/v1/models", token, registration(uniqueName("remembered"), "LOW")).status())
                .isEqualTo(403);

        var parts = token.split("\\.");
        var claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]),
                java.nio.charset.StandardCharsets.UTF_8).replace("domain-expert", "ml-engineer");
        var tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(api().get("/api/v1/models", tampered).status()).isEqualTo(401);
        assertThat(api().get("/api/v1/models", token).status()).isEqualTo(200);
    }

    @Test
    void registeringNeedsTheMlEngineerRole() {
        var name = uniqueName("forbidden");
        var response = api().post("/api/v1/models", dana(), registration(name, "LOW"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.field("type")).isEqualTo("/problems/forbidden");
        assertThat(api().get("/api/v1/models/" + name, dana()).status()).isEqualTo(404);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersErrorsIncluded() {
        for (var response : java.util.List.of(api().get("/api/v1/models", dana()), api().get("/api/v1/models", null),
                api().get("/api/v1/models/no-such-model", dana()), api().get("/openapi.yml", null),
                api().get("/health", null))) {
            var headers = response.headers();
            assertThat(headers.firstValue("Content-Security-Policy")).as(response.body())
                    .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'")
                            .contains("frame-ancestors 'none'"));
            assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(headers.firstValue("Referrer-Policy")).hasValue("no-referrer");
        }
    }

    @Test
    void healthMetricsAndTheApiDescriptionNeedNoToken() {
        var health = api().get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        var metrics = api().get("/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        var openapi = api().get("/openapi.yml", null);
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/v1/models/{name}/versions");
    }
}
