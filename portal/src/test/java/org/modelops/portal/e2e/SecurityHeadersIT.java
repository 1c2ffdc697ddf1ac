package org.modelops.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The running portal and service answer with their security headers; the portal's session cookie is SameSite. */
class SecurityHeadersIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void thePortalsFirstAnswerCarriesItsPolicyAndASameSiteSessionCookie() throws Exception {
        var response = get(LocalStack.PORTAL + "/");
        var headers = response.headers();
        assertThat(headers.firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("frame-ancestors 'none'").contains("'unsafe-inline'"));
        assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(headers.firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(headers.allValues("Set-Cookie")).filteredOn(cookie -> cookie.startsWith("JSESSIONID="))
                .allSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("SameSite=Lax").contains("HttpOnly"));
    }

    @Test
    void theServicesAnswersCarryTheirPolicy() throws Exception {
        var headers = get(LocalStack.SERVICE + "/api/v1/models").headers();
        assertThat(headers.firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'"));
        assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
