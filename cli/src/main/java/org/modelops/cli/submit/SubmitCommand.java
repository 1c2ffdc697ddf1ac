package org.modelops.cli.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.erdtman.jcs.JsonCanonicalizer;
import org.modelops.cli.CliException;
import org.modelops.cli.Command;
import org.modelops.cli.ExitCode;
import org.modelops.cli.http.Http;
import org.modelops.cli.http.Json;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code modelops submit <model> --evidence FILE [--wait] [--require …] [--timeout …]}: submits a version with an
 * Idempotency-Key (by default derived from the model and the canonical evidence, so a retried CI job gets the version
 * its first run created), and with {@code --wait} polls until the verdict; the exit code says how it ended.
 */
@CommandLine.Command(name = "submit", description = "Submit a model version with its evidence; --wait for the verdict.")
public final class SubmitCommand extends Command {

    @Parameters(index = "0", paramLabel = "MODEL")
    String model;

    @Option(names = {"-e",
            "--evidence"}, required = true, paramLabel = "FILE", description = "the version's evidence, JSON or YAML: the body of POST /api/v1/models/{name}/versions")
    Path evidence;

    @Option(names = "--wait", description = "wait until the version meets --require, fails it, or --timeout runs out")
    boolean await;

    @Option(names = "--require", paramLabel = "STATE", defaultValue = "validated", converter = RequirementConverter.class, description = "validated (default), approved, serving or champion")
    Requirement require;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", converter = Durations.class, description = "how long --wait waits (30m, 90s, 2h; default 30m)")
    Duration timeout;

    @Option(names = "--idempotency-key", paramLabel = "KEY", description = "default: derived from the model and the canonical evidence")
    String idempotencyKey;

    static final class RequirementConverter implements CommandLine.ITypeConverter<Requirement> {
        @Override
        public Requirement convert(String value) {
            try {
                return Requirement.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() {
        var body = EvidenceFile.read(evidence);
        var key = idempotencyKey != null ? idempotencyKey : derivedKey(model, body);
        var headers = new LinkedHashMap<>(auth());
        headers.put("Idempotency-Key", key);
        var answer = Http.checked(http().send("POST", api("/api/v1/models/" + path(model) + "/versions", null),
                headers, "application/json", Json.compact(body)), "submitting a version of " + model);
        var version = answer.json();
        var replayed = "true".equalsIgnoreCase(answer.header("Idempotent-Replayed"));
        if (!global.json()) {
            println((replayed ? "Already submitted (same evidence and key): " : "Submitted ") + model + " v"
                    + version.path("version").asText() + " — " + Json.text(version, "state"));
        }
        if (!await) {
            if (global.json()) {
                printJson(result(version, replayed, key, null, ExitCode.OK));
            }
            return ExitCode.OK;
        }
        var number = version.path("version").asInt();
        var waiter = new Waiter(context().clock(), context().sleeper());
        var result = waiter.await(() -> get("/api/v1/models/" + path(model) + "/versions/" + number, null,
                "reading " + model + " v" + number), require, timeout, changed -> {
                    if (!global.json()) {
                        println("  … " + Json.text(changed, "state"));
                    }
                });
        var last = result.version() == null ? version : result.version();
        var exit = result.exitCode();
        if (global.json()) {
            printJson(result(last, replayed, key, result.outcome(), exit));
        } else {
            switch (result.outcome()) {
                case MET -> println("OK: " + model + " v" + number + " is " + Json.text(last, "state") + " ("
                        + require.label() + " as required).");
                case FAILED -> {
                    context().err().println("REJECTED: " + model + " v" + number + " will not be "
                            + require.label() + ".");
                    Verdict.describe(last).forEach(context().err()::println);
                }
                case WAITING -> context().err()
                        .println("TIMED OUT after " + timeout.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
                                + ": " + model + " v" + number
                                + " is still " + Json.text(last, "state") + " (waiting for " + require.label() + ").");
            }
        }
        return exit;
    }

    private ObjectNode result(JsonNode version, boolean replayed, String key, Requirement.Outcome outcome, int exit) {
        var out = Json.object();
        out.put("model", Json.text(version, "model"));
        out.put("version", version.path("version").asInt());
        out.put("state", Json.text(version, "state"));
        out.put("stateReason", Json.text(version, "stateReason"));
        out.put("replayed", replayed);
        out.put("idempotencyKey", key);
        if (outcome != null) {
            out.put("required", require.label());
            out.put("outcome", switch (outcome) {
                case MET -> "met";
                case FAILED -> "rejected";
                case WAITING -> "timed-out";
            });
        }
        out.put("evidenceSha256", Json.text(version, "evidenceSha256"));
        out.set("failedRules", Verdict.failedRulesJson(version));
        out.put("exitCode", exit);
        return out;
    }

    /** {@code modelops-<sha256(model + canonical evidence)>}: the same evidence for the same model, the same key. */
    static String derivedKey(String model, JsonNode body) {
        try {
            var canonical = new JsonCanonicalizer(Json.compact(body)).getEncodedString();
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest((model + "\n" + canonical).getBytes(StandardCharsets.UTF_8));
            return "modelops-cli-" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | java.io.IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot canonicalise the evidence: " + e.getMessage(), e);
        }
    }

    Map<String, Object> options() {
        return Map.of("model", model, "evidence", evidence, "await", await, "require", require, "timeout", timeout);
    }
}
