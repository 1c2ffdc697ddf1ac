package org.modelops.cli.commands;

import java.util.LinkedHashMap;
import java.util.Map;
import org.modelops.cli.CliException;
import org.modelops.cli.Command;
import org.modelops.cli.ExitCode;
import org.modelops.cli.http.Json;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code modelops models register|list|show}. */
@CommandLine.Command(name = "models", description = "Register, list and show models.", subcommands = {
        ModelsCommand.Register.class, ModelsCommand.ListModels.class, ModelsCommand.Show.class})
public final class ModelsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "models: register, list or show?");
    }

    @CommandLine.Command(name = "register", description = "Register a model (role ml-engineer, a member of the owner team).")
    public static final class Register extends Command {

        @Parameters(index = "0", paramLabel = "NAME", description = "1-63 lower-case letters, digits and hyphens")
        String name;

        @Option(names = "--owner-team", required = true, paramLabel = "TEAM")
        String ownerTeam;

        @Option(names = "--risk-tier", required = true, paramLabel = "TIER", description = "LOW, MEDIUM or HIGH")
        String riskTier;

        @Option(names = "--description", paramLabel = "TEXT")
        String description;

        @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "a tag (repeatable)")
        Map<String, String> tags = new LinkedHashMap<>();

        @Override
        public Integer call() {
            var body = Json.object().put("name", name).put("ownerTeam", ownerTeam)
                    .put("riskTier", riskTier.toUpperCase(java.util.Locale.ROOT));
            if (description != null) {
                body.put("description", description);
            }
            var tagNode = body.putObject("tags");
            tags.forEach(tagNode::put);
            var model = post("/api/v1/models", body, Map.of(), "registering " + name);
            if (global.json()) {
                printJson(model);
            } else {
                println("Registered " + Json.text(model, "name") + " (" + Json.text(model, "riskTier") + " risk, team "
                        + Json.text(model, "ownerTeam") + ").");
            }
            return ExitCode.OK;
        }
    }

    @CommandLine.Command(name = "list", description = "Search the catalog.")
    public static final class ListModels extends Command {

        @Option(names = {"-q", "--query"}, paramLabel = "TEXT", description = "part of the name or description")
        String query;

        @Option(names = "--risk-tier", paramLabel = "TIER")
        String riskTier;

        @Option(names = "--state", paramLabel = "STATE", description = "models with a version in this state")
        String state;

        @Option(names = "--tag", paramLabel = "KEY=VALUE")
        String tag;

        @Option(names = "--page", defaultValue = "0")
        int page;

        @Option(names = "--size", defaultValue = "50")
        int size;

        @Override
        public Integer call() {
            var query = new LinkedHashMap<String, Object>();
            query.put("q", this.query);
            query.put("riskTier", riskTier);
            query.put("state", state);
            query.put("tag", tag);
            query.put("page", page);
            query.put("size", size);
            var list = get("/api/v1/models", query, "listing models");
            if (global.json()) {
                printJson(list);
                return ExitCode.OK;
            }
            var rows = new java.util.ArrayList<String[]>();
            rows.add(new String[]{"NAME", "RISK", "TEAM", "LATEST", "DESCRIPTION"});
            for (var model : list.path("items")) {
                rows.add(new String[]{Json.text(model, "name"), Json.text(model, "riskTier"),
                        Json.text(model, "ownerTeam"), model.path("latestVersion").asText(),
                        Text.shorten(Json.text(model, "description"), 60)});
            }
            Text.table(context().out(), rows);
            println(list.path("total").asInt() + " models" + (list.path("total").asInt() > rows.size() - 1
                    ? " (page " + page + "; --page for more)"
                    : ""));
            return ExitCode.OK;
        }
    }

    @CommandLine.Command(name = "show", description = "Show a model and its versions.")
    public static final class Show extends Command {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            if (name.isBlank()) {
                throw CliException.usage("a model name is required");
            }
            var model = get("/api/v1/models/" + path(name), null, "reading " + name);
            var versions = get("/api/v1/models/" + path(name) + "/versions", Map.of("size", 200),
                    "reading the versions of " + name);
            if (global.json()) {
                var out = Json.object();
                out.set("model", model);
                out.set("versions", versions.path("items"));
                printJson(out);
                return ExitCode.OK;
            }
            println(Json.text(model, "name") + " — " + Json.text(model, "riskTier") + " risk, team "
                    + Json.text(model, "ownerTeam"));
            if (Json.text(model, "description") != null) {
                println("  " + Json.text(model, "description"));
            }
            println("  tags: " + Json.compact(model.path("tags")) + "; registered " + Json.text(model, "createdAt")
                    + " by " + Json.text(model, "createdBy"));
            var rows = new java.util.ArrayList<String[]>();
            rows.add(new String[]{"VERSION", "STATE", "SUBMITTED", "BY", "REASON"});
            for (var version : versions.path("items")) {
                rows.add(new String[]{version.path("version").asText(), Json.text(version, "state"),
                        Json.text(version, "submittedAt"), Json.text(version, "submittedBy"),
                        Text.shorten(Json.text(version, "stateReason"), 60)});
            }
            Text.table(context().out(), rows);
            return ExitCode.OK;
        }
    }
}
