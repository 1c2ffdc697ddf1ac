package org.modelops.cli.login;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.modelops.cli.CliException;
import org.modelops.cli.Context;
import org.modelops.cli.ExitCode;
import org.modelops.cli.http.Http;
import org.modelops.cli.http.HttpError;

/**
 * Gets the access token a command calls the service with, in this order: {@code MODELOPS_TOKEN}; the cached login
 * for the service (refreshed when expired, or renewed with the client credentials of the environment); the client
 * credentials of the environment ({@code MODELOPS_CLIENT_ID}, {@code MODELOPS_CLIENT_SECRET}).
 */
public final class Authenticator {

    public static final String DEFAULT_PUBLIC_CLIENT = "modelops-cli";

    private final Context context;
    private final Http http;
    private final TokenCache cache;

    public Authenticator(Context context, Http http) {
        this.context = context;
        this.http = http;
        this.cache = new TokenCache(context.configDir());
    }

    public TokenCache cache() {
        return cache;
    }

    /** The bearer token for {@code serviceUrl}. */
    public String accessToken(String serviceUrl, String issuer) {
        var explicit = context.env("MODELOPS_TOKEN");
        if (explicit != null) {
            return explicit;
        }
        var now = context.clock().instant();
        var clientId = context.env("MODELOPS_CLIENT_ID");
        var secret = context.env("MODELOPS_CLIENT_SECRET");
        // A pipeline's credentials in the environment decide who calls: a login of someone else is not used.
        var cached = cache.get(serviceUrl).filter(tokens -> clientId == null || secret == null
                || clientId.equals(tokens.clientId()) && Tokens.CLIENT_CREDENTIALS.equals(tokens.grant()));
        if (cached.isPresent()) {
            var tokens = cached.get();
            if (tokens.accessValidAt(now)) {
                return tokens.accessToken();
            }
            if (tokens.refreshValidAt(now)) {
                var refreshed = refresh(tokens);
                if (refreshed != null) {
                    cache.put(refreshed);
                    return refreshed.accessToken();
                }
            }
        }
        if (clientId != null && secret != null) {
            var tokens = clientCredentials(serviceUrl, issuer, clientId, secret);
            cache.put(tokens);
            return tokens.accessToken();
        }
        throw CliException.authentication(cached.isPresent()
                ? "the login to " + serviceUrl + " has expired: run modelops login"
                : "not logged in to " + serviceUrl + ": run modelops login (or set MODELOPS_CLIENT_ID and"
                        + " MODELOPS_CLIENT_SECRET, or MODELOPS_TOKEN)");
    }

    /** A pipeline's login: the client credentials grant. */
    public Tokens clientCredentials(String serviceUrl, String issuer, String clientId, String secret) {
        var provider = IdentityProvider.discover(http, serviceUrl, issuer);
        var answer = http.form(provider.tokenEndpoint(), Map.of("grant_type", Tokens.CLIENT_CREDENTIALS,
                "client_id", clientId, "client_secret", secret));
        if (!answer.ok()) {
            throw loginRefused(answer, "the client credentials of " + clientId + " were refused");
        }
        return Tokens.of(serviceUrl, provider.issuer(), clientId, Tokens.CLIENT_CREDENTIALS, answer.json(),
                context.clock().instant());
    }

    /** A person's login: the device authorization grant; tells the person where to sign in on {@code prompt}. */
    public Tokens device(String serviceUrl, String issuer, String clientId, PrintStream prompt) {
        var provider = IdentityProvider.discover(http, serviceUrl, issuer);
        if (provider.deviceAuthorizationEndpoint() == null) {
            throw CliException.authentication("the identity provider " + provider.issuer()
                    + " offers no device authorization; log in with --client-id and --client-secret");
        }
        var started = http.form(provider.deviceAuthorizationEndpoint(), Map.of("client_id", clientId, "scope",
                "openid"));
        if (!started.ok()) {
            throw loginRefused(started, "the identity provider refused a device login for the client " + clientId);
        }
        var flow = new DeviceFlow(started.json(), context.clock());
        var authorization = flow.authorization();
        prompt.println("To sign in, open " + (authorization.verificationUriComplete() != null
                ? authorization.verificationUriComplete()
                : authorization.verificationUri()));
        prompt.println("and check that it shows the code " + authorization.userCode() + ".");
        prompt.flush();
        DeviceFlow.Step step = flow.start();
        var fields = new LinkedHashMap<String, String>();
        fields.put("grant_type", Tokens.DEVICE_CODE);
        fields.put("device_code", authorization.deviceCode());
        fields.put("client_id", clientId);
        while (step instanceof DeviceFlow.Step.Poll poll) {
            try {
                context.sleeper().sleep(poll.interval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CliException.authentication("the login was interrupted");
            }
            var answer = http.form(provider.tokenEndpoint(), fields);
            step = flow.onTokenAnswer(answer.status(), answer.jsonOrEmpty());
        }
        var done = (DeviceFlow.Step.Done) step;
        return Tokens.of(serviceUrl, provider.issuer(), clientId, Tokens.DEVICE_CODE, done.tokenAnswer(),
                context.clock().instant());
    }

    private Tokens refresh(Tokens tokens) {
        try {
            var provider = IdentityProvider.discover(http, tokens.serviceUrl(), tokens.issuer());
            var answer = http.form(provider.tokenEndpoint(), Map.of("grant_type", "refresh_token",
                    "refresh_token", tokens.refreshToken(), "client_id", tokens.clientId()));
            if (!answer.ok()) {
                return null;
            }
            return Tokens.of(tokens.serviceUrl(), provider.issuer(), tokens.clientId(), tokens.grant(),
                    answer.json(), context.clock().instant());
        } catch (HttpError e) {
            return null;
        }
    }

    private static CliException loginRefused(Http.Answer answer, String what) {
        if (answer.status() >= 500) {
            return new CliException(ExitCode.UNAVAILABLE, "the identity provider answered HTTP " + answer.status());
        }
        var body = answer.jsonOrEmpty();
        var error = body.path("error").asText("HTTP " + answer.status());
        var description = body.path("error_description").asText("");
        return CliException.authentication(what + ": " + error + (description.isEmpty()
                ? ""
                : " (" + description
                        + ")"));
    }
}
