package org.modelops.cli.commands;

import java.util.ArrayList;
import java.util.Map;
import org.modelops.cli.Command;
import org.modelops.cli.ExitCode;
import org.modelops.cli.http.Json;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code modelops tasks list|decide}: the caller's inbox and decisions. */
@CommandLine.Command(name = "tasks", description = "The decisions waiting for you, and deciding them.", subcommands = {
        TasksCommand.ListTasks.class, TasksCommand.Decide.class})
public final class TasksCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "tasks: list or decide?");
    }

    @CommandLine.Command(name = "list", description = "Your inbox, with the evidence hash each decision is bound to.")
    public static final class ListTasks extends Command {

        @Override
        public Integer call() {
            var tasks = get("/api/v1/tasks", null, "reading the inbox");
            if (global.json()) {
                printJson(tasks);
                return ExitCode.OK;
            }
            var items = tasks.isArray() ? tasks : tasks.path("items");
            var rows = new ArrayList<String[]>();
            rows.add(new String[]{"TASK", "NAME", "MODEL", "VERSION", "RISK", "EVIDENCE SHA-256"});
            for (var task : items) {
                rows.add(new String[]{Json.text(task, "id"), Json.text(task, "name"), Json.text(task, "model"),
                        task.path("version").asText(), Json.text(task, "riskTier"),
                        Json.text(task, "evidenceSha256")});
            }
            Text.table(context().out(), rows);
            println((rows.size() - 1) + " tasks waiting for you.");
            return ExitCode.OK;
        }
    }

    @CommandLine.Command(name = "decide", description = "Approve or reject a task, with a reason.")
    public static final class Decide extends Command {

        static final class Choice {
            @Option(names = "--approve", required = true)
            boolean approve;

            @Option(names = "--reject", required = true)
            boolean reject;
        }

        @Parameters(index = "0", paramLabel = "TASK_ID")
        String taskId;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Choice choice;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why (recorded in the audit trail)")
        String reason;

        @Option(names = "--evidence-sha256", paramLabel = "HASH", description = "the evidence hash you decided on: refused (409) if the evidence changed since")
        String evidenceSha256;

        @Override
        public Integer call() {
            var body = Json.object().put("decision", choice.approve ? "APPROVE" : "REJECT").put("comment", reason);
            if (evidenceSha256 != null) {
                body.put("evidenceSha256", evidenceSha256);
            }
            var answer = post("/api/v1/tasks/" + path(taskId) + "/decision", body, Map.of(), "deciding task "
                    + taskId);
            if (global.json()) {
                printJson(answer);
            } else {
                println((choice.approve ? "Approved" : "Rejected") + " task " + taskId
                        + (Json.text(answer, "model") != null
                                ? " (" + Json.text(answer, "model") + " v"
                                        + answer.path("version").asText() + "; approvals "
                                        + answer.path("approvalsSoFar").asText() + " of "
                                        + answer.path("approvalsRequired").asText() + "). modelops status "
                                        + Json.text(answer, "model") + " " + answer.path("version").asText()
                                        + " shows where it went."
                                : "."));
            }
            return ExitCode.OK;
        }
    }
}
