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

        @Option(names = "--model", paramLabel = "NAME", description = "only this model's decisions")
        String model;

        @Option(names = "--page", paramLabel = "N", defaultValue = "0", description = "which page, from 0 (default 0)")
        int page;

        @Option(names = "--size", paramLabel = "N", defaultValue = "50", description = "tasks per page, 1 to 200 (default 50); the service counts them all")
        int size;

        @Override
        public Integer call() {
            var query = new StringBuilder("/api/v1/tasks?page=").append(page).append("&size=").append(size);
            if (model != null && !model.isBlank()) {
                query.append("&model=").append(java.net.URLEncoder.encode(model.trim(),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
            var tasks = get(query.toString(), null, "reading the inbox");
            if (global.json()) {
                printJson(tasks);
                return ExitCode.OK;
            }
            var items = tasks.isArray() ? tasks : tasks.path("items");
            var rows = new ArrayList<String[]>();
            rows.add(new String[]{"TASK", "KIND", "NAME", "MODEL", "VERSION", "RISK", "EVIDENCE SHA-256"});
            for (var task : items) {
                rows.add(new String[]{Json.text(task, "id"), task.path("kind").asText("approval"),
                        Json.text(task, "name"), Json.text(task, "model"), task.path("version").asText(),
                        Json.text(task, "riskTier"), Json.text(task, "evidenceSha256")});
            }
            Text.table(context().out(), rows);
            long total = tasks.path("total").asLong(rows.size() - 1);
            println((rows.size() - 1) + " of " + total + " tasks waiting for you"
                    + (total > (long) (page + 1) * size ? " (--page " + (page + 1) + " shows more)." : "."));
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

            @Option(names = "--outcome", required = true, paramLabel = "OUTCOME", description = "a serving-phase task's outcome: KEEP_SERVING, ROLL_BACK, REQUEST_RETRAINING"
                    + " (a monitoring review) or RECERTIFY, FAIL (a re-certification)")
            String outcome;
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
            var decision = choice.outcome != null
                    ? choice.outcome.trim().toUpperCase(java.util.Locale.ROOT)
                    : choice.approve ? "APPROVE" : "REJECT";
            var body = Json.object().put("decision", decision).put("comment", reason);
            if (evidenceSha256 != null) {
                body.put("evidenceSha256", evidenceSha256);
            }
            var answer = post("/api/v1/tasks/" + path(taskId) + "/decision", body, Map.of(), "deciding task "
                    + taskId);
            if (global.json()) {
                printJson(answer);
            } else {
                println((choice.outcome != null
                        ? "Decided " + decision + " on"
                        : choice.approve
                                ? "Approved"
                                : "Rejected")
                        + " task " + taskId
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
