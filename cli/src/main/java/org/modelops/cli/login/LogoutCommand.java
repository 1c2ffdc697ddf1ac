package org.modelops.cli.login;

import org.modelops.cli.Command;
import org.modelops.cli.ExitCode;
import org.modelops.cli.http.Json;
import picocli.CommandLine;

/** {@code modelops logout}: forgets the cached login for the service. */
@CommandLine.Command(name = "logout", description = "Forget the cached login for the service.")
public final class LogoutCommand extends Command {

    @Override
    public Integer call() {
        var url = serviceUrl();
        var removed = authenticator().cache().remove(url);
        if (global.json()) {
            printJson(Json.object().put("url", url).put("removed", removed));
        } else {
            println(removed ? "Logged out of " + url + "." : "No login for " + url + " was cached.");
        }
        return ExitCode.OK;
    }
}
