package org.modelops.cli.commands;

import org.modelops.cli.Command;
import org.modelops.cli.ExitCode;
import org.modelops.cli.http.Json;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

/** {@code modelops deployment <model>}: which versions serve which share now. */
@CommandLine.Command(name = "deployment", description = "Which versions of a model serve which share of traffic now.")
public final class DeploymentCommand extends Command {

    @Parameters(index = "0", paramLabel = "MODEL")
    String model;

    @Override
    public Integer call() {
        var deployment = get("/api/v1/models/" + path(model) + "/deployment", null, "reading the deployment of "
                + model);
        if (global.json()) {
            printJson(deployment);
            return ExitCode.OK;
        }
        var serving = deployment.path("serving");
        if (serving.isEmpty()) {
            println(model + ": nothing serves.");
        }
        for (var arm : serving) {
            println(model + " v" + arm.path("version").asText() + ": " + arm.path("percent").asText() + " % ("
                    + Json.text(arm, "state") + ")");
        }
        return ExitCode.OK;
    }
}
