package org.modelops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.Callable;
import org.modelops.cli.http.Http;
import org.modelops.cli.http.Json;
import org.modelops.cli.login.Authenticator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every leaf command shares: the context, the service URL, the token, JSON calls and output. */
public abstract class Command implements Callable<Integer> {

    @Mixin
    protected Global global = new Global();

    @Spec
    protected CommandSpec spec;

    private Http http;

    protected Context context() {
        return ((ModelOps) spec.root().userObject()).context();
    }

    protected Http http() {
        if (http == null) {
            http = new Http();
        }
        return http;
    }

    /** {@code --url}, else {@code MODELOPS_URL}. */
    protected String serviceUrl() {
        var url = global.url != null ? global.url : context().env("MODELOPS_URL");
        if (url == null) {
            throw CliException.usage("which service? give --url or set MODELOPS_URL (e.g. http://localhost:8080)");
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw CliException.usage("--url must be an http(s) URL, not '" + url + "'");
        }
        return url.replaceAll("/+$", "");
    }

    protected String issuer() {
        return global.issuer != null ? global.issuer : context().env("MODELOPS_ISSUER");
    }

    protected Authenticator authenticator() {
        return new Authenticator(context(), http());
    }

    protected Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + authenticator().accessToken(serviceUrl(), issuer()));
    }

    protected URI api(String path, Map<String, ?> query) {
        return Http.uri(serviceUrl(), path, query);
    }

    protected JsonNode get(String path, Map<String, ?> query, String what) {
        return http().json("GET", api(path, query), auth(), null, what);
    }

    protected JsonNode post(String path, JsonNode body, Map<String, String> headers, String what) {
        var all = new java.util.LinkedHashMap<>(auth());
        all.putAll(headers);
        return http().json("POST", api(path, null), all, body, what);
    }

    protected void printJson(JsonNode node) {
        context().out().println(Json.write(node));
    }

    protected void println(String line) {
        context().out().println(line);
    }

    /** Model names go into paths as they are (a DNS label needs no escaping); anything else is escaped. */
    protected static String path(String segment) {
        return Http.encode(segment);
    }
}
