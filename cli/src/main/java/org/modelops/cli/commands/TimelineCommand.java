package org.modelops.cli.commands;

import java.util.ArrayList;
import org.modelops.cli.Command;
import org.modelops.cli.ExitCode;
import org.modelops.cli.http.Json;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

/** {@code modelops timeline <model> <version>}: every recorded step, oldest first. */
@CommandLine.Command(name = "timeline", description = "Every recorded step of a version, oldest first.")
public final class TimelineCommand extends Command {

    @Parameters(index = "0", paramLabel = "MODEL")
    String model;

    @Parameters(index = "1", paramLabel = "VERSION")
    int version;

    @Override
    public Integer call() {
        var steps = get("/api/v1/models/" + path(model) + "/versions/" + version + "/timeline", null,
                "reading the timeline of " + model + " v" + version);
        if (global.json()) {
            printJson(steps);
            return ExitCode.OK;
        }
        var rows = new ArrayList<String[]>();
        rows.add(new String[]{"AT", "ACTION", "ACTOR", "DETAILS"});
        for (var step : steps) {
            rows.add(new String[]{Json.text(step, "at"), Json.text(step, "action"), Json.text(step, "actor"),
                    Text.shorten(Json.compact(step.path("details")), 90)});
        }
        Text.table(context().out(), rows);
        return ExitCode.OK;
    }
}
