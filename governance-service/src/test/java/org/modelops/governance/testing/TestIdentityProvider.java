package org.modelops.governance.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A stand-in for the Keycloak realm in tests that is real where it matters: it signs RS256 tokens with its own key
 * and publishes that key as a JWKS over HTTP, so the service validates signatures, issuer and expiry exactly as it
 * does against Keycloak. Tokens carry Keycloak's claim layout ({@code realm_access.roles},
 * {@code preferred_username}, {@code typ}, and the service's audience that the realm's audience mapper adds).
 */
public final class TestIdentityProvider {

    /** The audience the realm's audience mapper puts into access tokens meant for the service. */
    public static final String AUDIENCE = "modelops-governance";

    private static TestIdentityProvider instance;

    private final RSAKey signingKey;
    private final RSAKey strangerKey;
    private final String issuer;

    private TestIdentityProvider() {
        try {
            signingKey = new RSAKeyGenerator(2048).keyID("test-realm-key").generate();
            strangerKey = new RSAKeyGenerator(2048).keyID("test-realm-key").generate();
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            var jwks = new JWKSet(signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/realms/modelops/protocol/openid-connect/certs", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.start();
            issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/modelops";
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized TestIdentityProvider get() {
        if (instance == null) {
            instance = new TestIdentityProvider();
        }
        return instance;
    }

    public String issuer() {
        return issuer;
    }

    /** A valid access token for a demo user with the given realm roles. */
    public String tokenFor(String username, String... roles) {
        return sign(signingKey, claims(username, issuer, Instant.now().plus(Duration.ofMinutes(5)), roles));
    }

    /** A valid token for a member of Keycloak groups (teams), e.g. the model's owner team. */
    public String tokenForTeamMember(String username, List<String> teams, String... roles) {
        var claims = new JWTClaimsSet.Builder(claims(username, issuer, Instant.now().plus(Duration.ofMinutes(5)),
                roles)).claim("groups", teams.stream().map(team -> "/" + team).toList()).build();
        return sign(signingKey, claims);
    }

    public String expiredTokenFor(String username, String... roles) {
        return sign(signingKey, claims(username, issuer, Instant.now().minus(Duration.ofMinutes(5)), roles));
    }

    public String tokenFromForeignIssuer(String username, String... roles) {
        return sign(signingKey, claims(username, "http://127.0.0.1:1/realms/elsewhere",
                Instant.now().plus(Duration.ofMinutes(5)), roles));
    }

    /** Same key id, same claims, but a key the realm never published. */
    public String tokenSignedByAStranger(String username, String... roles) {
        return sign(strangerKey, claims(username, issuer, Instant.now().plus(Duration.ofMinutes(5)), roles));
    }

    /** An OpenID Connect ID token, as the portal receives at login: it names the user to the portal, nothing more. */
    public String idTokenFor(String username, String... roles) {
        return sign(signingKey, new JWTClaimsSet.Builder(claims(username, issuer,
                Instant.now().plus(Duration.ofMinutes(5)), roles)).claim("typ", "ID").audience("portal").build());
    }

    /** A refresh token (Keycloak signs them as JWTs too; its audience is the realm itself). */
    public String refreshTokenFor(String username, String... roles) {
        return sign(signingKey, new JWTClaimsSet.Builder(claims(username, issuer,
                Instant.now().plus(Duration.ofMinutes(5)), roles)).claim("typ", "Refresh").audience(issuer).build());
    }

    /** An access token of the same realm, but issued for another API. */
    public String accessTokenForAnotherAudience(String username, String... roles) {
        return sign(signingKey, new JWTClaimsSet.Builder(claims(username, issuer,
                Instant.now().plus(Duration.ofMinutes(5)), roles)).audience("account").build());
    }

    /** An access token without any audience, as Keycloak issues to a client that has no audience mapper. */
    public String accessTokenWithoutAudience(String username, String... roles) {
        return sign(signingKey, new JWTClaimsSet.Builder(claims(username, issuer,
                Instant.now().plus(Duration.ofMinutes(5)), roles)).audience((String) null).build());
    }

    public static String subjectOf(String username) {
        return UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static JWTClaimsSet claims(String username, String issuer, Instant expiry, String... roles) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subjectOf(username))
                .claim("preferred_username", username)
                .claim("azp", "modelops-cli")
                .claim("typ", "Bearer")
                .audience(List.of(AUDIENCE, "account"))
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .issueTime(Date.from(expiry.minus(Duration.ofMinutes(10))))
                .expirationTime(Date.from(expiry))
                .jwtID(UUID.randomUUID().toString())
                .build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
