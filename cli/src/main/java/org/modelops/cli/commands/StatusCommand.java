package org.modelops.cli.commands;

import org.modelops.cli.Command;
import org.modelops.cli.ExitCode;
import org.modelops.cli.http.Json;
import org.modelops.cli.submit.Verdict;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

/** {@code modelops status <model> [<version>]}: a version's state and verdicts (the latest version by default). */
@CommandLine.Command(name = "status", description = "A version's state, reasons and failed rules (default: the latest version).")
public final class StatusCommand extends Command {

    @Parameters(index = "0", paramLabel = "MODEL")
    String model;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION")
    Integer version;

    @Override
    public Integer call() {
        int number;
        if (version == null) {
            var found = get("/api/v1/models/" + path(model), null, "reading " + model);
            number = found.path("latestVersion").asInt();
            if (number == 0) {
                if (global.json()) {
                    printJson(Json.object().put("model", model).putNull("version"));
                } else {
                    println(model + " has no versions yet.");
                }
                return ExitCode.OK;
            }
        } else {
            number = version;
        }
        var found = get("/api/v1/models/" + path(model) + "/versions/" + number, null, "reading " + model + " v"
                + number);
        if (global.json()) {
            printJson(found);
        } else {
            Verdict.describe(found).forEach(this::println);
        }
        return ExitCode.OK;
    }
}
