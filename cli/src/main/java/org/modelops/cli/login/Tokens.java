package org.modelops.cli.login;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.modelops.cli.http.Json;

/**
 * The tokens of one login, as cached: for which service and identity provider, with which client and grant, and
 * until when the access and refresh tokens are good.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tokens(String serviceUrl, String issuer, String clientId, String grant, String accessToken,
        Instant expiresAt, String refreshToken, Instant refreshExpiresAt) {

    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final String DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code";

    /** Tokens are taken as expired this long before they are, so that a call does not fail on the way. */
    static final Duration SKEW = Duration.ofSeconds(30);

    /** From a token endpoint's answer received at {@code now}. */
    public static Tokens of(String serviceUrl, String issuer, String clientId, String grant, JsonNode answer,
            Instant now) {
        var access = Json.text(answer, "access_token");
        if (access == null) {
            throw new IllegalArgumentException("the token answer has no access_token");
        }
        var expiresIn = answer.path("expires_in").asLong(300);
        var refresh = Json.text(answer, "refresh_token");
        var refreshExpiresIn = answer.path("refresh_expires_in").asLong(0);
        return new Tokens(serviceUrl, issuer, clientId, grant, access, now.plusSeconds(expiresIn), refresh,
                refresh == null ? null : refreshExpiresIn > 0 ? now.plusSeconds(refreshExpiresIn) : null);
    }

    public boolean accessValidAt(Instant now) {
        return expiresAt != null && now.plus(SKEW).isBefore(expiresAt);
    }

    public boolean refreshValidAt(Instant now) {
        return refreshToken != null && (refreshExpiresAt == null || now.plus(SKEW).isBefore(refreshExpiresAt));
    }

    /** Who the access token is for: {@code preferred_username}, else {@code azp}, else {@code sub}. */
    public String subject() {
        return subjectOf(accessToken);
    }

    static String subjectOf(String jwt) {
        var parts = jwt == null ? new String[0] : jwt.split("\\.");
        if (parts.length < 2) {
            return "?";
        }
        try {
            var claims = Json.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            for (var claim : new String[]{"preferred_username", "azp", "sub"}) {
                var value = Json.text(claims, claim);
                if (value != null) {
                    return value;
                }
            }
        } catch (IllegalArgumentException notJwt) {
            // an opaque token
        }
        return "?";
    }
}
