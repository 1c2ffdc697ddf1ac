package org.modelops.cli.login;

import org.modelops.cli.CliException;
import org.modelops.cli.Command;
import org.modelops.cli.ExitCode;
import org.modelops.cli.http.Json;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code modelops login}: client credentials for a pipeline ({@code --client-id}/{@code --client-secret} or
 * {@code MODELOPS_CLIENT_ID}/{@code MODELOPS_CLIENT_SECRET}), the device authorization flow for a person (the
 * public client {@code modelops-cli}); the tokens are cached for the service in {@code tokens.json} (mode 0600).
 */
@CommandLine.Command(name = "login", description = "Log in to the service: client credentials for pipelines, a device code for people.")
public final class LoginCommand extends Command {

    @Option(names = "--client-id", paramLabel = "ID", description = "the client (env MODELOPS_CLIENT_ID); without a secret: the public client of the device flow (default modelops-cli)")
    String clientId;

    @Option(names = "--client-secret", paramLabel = "SECRET", description = "the client's secret (env MODELOPS_CLIENT_SECRET; the environment keeps it off the process list)")
    String clientSecret;

    @Option(names = "--device", description = "use the device flow even when client credentials are in the environment")
    boolean device;

    @Override
    public Integer call() {
        var url = serviceUrl();
        var auth = authenticator();
        var id = clientId != null ? clientId : context().env("MODELOPS_CLIENT_ID");
        var secret = clientSecret != null ? clientSecret : context().env("MODELOPS_CLIENT_SECRET");
        if (clientSecret != null && clientId == null && context().env("MODELOPS_CLIENT_ID") == null) {
            throw CliException.usage("--client-secret needs --client-id (or MODELOPS_CLIENT_ID)");
        }
        Tokens tokens;
        if (!device && id != null && secret != null) {
            tokens = auth.clientCredentials(url, issuer(), id, secret);
        } else {
            var publicClient = clientId != null
                    ? clientId
                    : id != null && secret == null ? id : Authenticator.DEFAULT_PUBLIC_CLIENT;
            tokens = auth.device(url, issuer(), publicClient, context().err());
        }
        auth.cache().put(tokens);
        if (global.json()) {
            var out = Json.object().put("url", url).put("issuer", tokens.issuer()).put("clientId", tokens.clientId())
                    .put("grant", tokens.grant()).put("subject", tokens.subject())
                    .put("expiresAt", tokens.expiresAt().toString())
                    .put("refreshable", tokens.refreshToken() != null)
                    .put("cache", auth.cache().file().toString());
            printJson(out);
        } else {
            println("Logged in to " + url + " as " + tokens.subject() + " (" + (Tokens.CLIENT_CREDENTIALS.equals(
                    tokens.grant()) ? "client credentials" : "device login") + "; token valid until "
                    + tokens.expiresAt() + (tokens.refreshToken() != null ? ", refreshed as needed" : "") + ").");
            println("Cached in " + auth.cache().file() + " (mode 600).");
        }
        return ExitCode.OK;
    }
}
