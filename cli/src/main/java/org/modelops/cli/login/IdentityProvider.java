package org.modelops.cli.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.util.Map;
import org.modelops.cli.CliException;
import org.modelops.cli.ExitCode;
import org.modelops.cli.http.Http;
import org.modelops.cli.http.Json;

/**
 * The OpenID provider that issues the service's tokens: its issuer and endpoints. The issuer is {@code --issuer} /
 * {@code MODELOPS_ISSUER} when given, else the service says it: the OAuth protected resource metadata (RFC 9728,
 * {@code /.well-known/oauth-protected-resource}, {@code authorization_servers}) and, for services without it, the
 * OpenID Connect security scheme of its published {@code /openapi.yml}.
 */
public record IdentityProvider(String issuer, URI tokenEndpoint, URI deviceAuthorizationEndpoint) {

    private static final String WELL_KNOWN = "/.well-known/openid-configuration";

    public static IdentityProvider discover(Http http, String serviceUrl, String explicitIssuer) {
        var issuer = explicitIssuer != null ? explicitIssuer : issuerOf(http, serviceUrl);
        issuer = issuer.replaceAll("/+$", "");
        var answer = http.send("GET", URI.create(issuer + WELL_KNOWN), Map.of(), null, null);
        if (!answer.ok()) {
            throw new CliException(answer.status() >= 500 ? ExitCode.UNAVAILABLE : ExitCode.AUTHENTICATION,
                    "the identity provider " + issuer + " has no OpenID configuration (HTTP " + answer.status()
                            + "); set MODELOPS_ISSUER to the realm's issuer URL");
        }
        var configuration = answer.json();
        var token = Json.text(configuration, "token_endpoint");
        if (token == null) {
            throw CliException.authentication("the OpenID configuration of " + issuer + " has no token_endpoint");
        }
        var device = Json.text(configuration, "device_authorization_endpoint");
        return new IdentityProvider(issuer, URI.create(token), device == null ? null : URI.create(device));
    }

    /** What the service names as its issuer. */
    static String issuerOf(Http http, String serviceUrl) {
        var base = serviceUrl.replaceAll("/+$", "");
        var metadata = http.send("GET", URI.create(base + "/.well-known/oauth-protected-resource"), Map.of(), null,
                null);
        if (metadata.ok()) {
            var servers = metadata.json().path("authorization_servers");
            if (servers.isArray() && !servers.isEmpty()) {
                return servers.get(0).asText();
            }
        }
        var openapi = http.send("GET", URI.create(base + "/openapi.yml"), Map.of(), null, null);
        if (openapi.ok()) {
            var issuer = issuerInOpenApi(openapi.body());
            if (issuer != null) {
                return issuer;
            }
        }
        if (metadata.status() >= 500 || openapi.status() >= 500) {
            throw CliException.unavailable("the service at " + base + " answered HTTP " + Math.max(
                    metadata.status(), openapi.status()) + " when asked for its identity provider", null);
        }
        throw CliException.authentication("the service at " + base + " does not name its identity provider;"
                + " set MODELOPS_ISSUER (e.g. http://localhost:8180/realms/modelops)");
    }

    /** The issuer of the first {@code openIdConnect} security scheme of an OpenAPI document, or null. */
    static String issuerInOpenApi(String document) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(document);
        } catch (Exception notYaml) {
            return null;
        }
        var schemes = root == null ? null : root.path("components").path("securitySchemes");
        if (schemes == null || !schemes.isObject()) {
            return null;
        }
        for (var scheme : schemes) {
            var url = Json.text(scheme, "openIdConnectUrl");
            if ("openIdConnect".equals(Json.text(scheme, "type")) && url != null) {
                return url.endsWith(WELL_KNOWN) ? url.substring(0, url.length() - WELL_KNOWN.length()) : url;
            }
        }
        return null;
    }
}
