package org.modelops.cli.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelops.audit.Checkpoint;
import org.modelops.audit.CheckpointSigner;
import org.modelops.audit.ExportVerifier;
import org.modelops.audit.WitnessFile;
import org.modelops.cli.CliException;
import org.modelops.cli.Command;
import org.modelops.cli.ExitCode;
import org.modelops.cli.http.Http;
import org.modelops.cli.http.HttpError;
import org.modelops.cli.http.Json;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code modelops audit export|verify}. */
@CommandLine.Command(name = "audit", description = "Export the audit trail and verify an export offline.", subcommands = {
        AuditCommand.Export.class, AuditCommand.Verify.class})
public final class AuditCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "audit: export or verify?");
    }

    @CommandLine.Command(name = "export", description = "Stream the trail (JSON Lines by default) to standard output; a filtered export (--from, --to, --model) can be read but not proven intact.")
    public static final class Export extends Command {

        @Option(names = "--from", paramLabel = "TIME", description = "oldest event time, ISO-8601 (e.g. 2026-11-01T00:00:00Z)")
        String from;

        @Option(names = "--to", paramLabel = "TIME")
        String to;

        @Option(names = "--model", paramLabel = "NAME")
        String model;

        @Option(names = "--from-sequence", paramLabel = "N", description = "oldest sequence, inclusive (a sequence range, unlike a filter, verifies)")
        Long fromSequence;

        @Option(names = "--to-sequence", paramLabel = "N", description = "newest sequence, inclusive")
        Long toSequence;

        @Option(names = "--format", defaultValue = "jsonl", paramLabel = "FORMAT", description = "jsonl (verifiable offline) or csv")
        String format;

        @Override
        public Integer call() throws IOException {
            if (!format.equals("jsonl") && !format.equals("csv")) {
                throw CliException.usage("--format takes jsonl or csv, not '" + format + "'");
            }
            var query = new LinkedHashMap<String, Object>();
            query.put("format", format);
            query.put("from", from);
            query.put("to", to);
            query.put("model", model);
            query.put("fromSequence", fromSequence);
            query.put("toSequence", toSequence);
            var response = http().stream(api("/api/v1/audit/export", query), auth());
            try (var body = response.body()) {
                if (response.statusCode() != 200) {
                    var text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                    throw new HttpError(response.statusCode(), new Http.Answer(response.statusCode(), Map.of(), text)
                            .jsonOrEmpty(), "exporting the audit trail");
                }
                body.transferTo(context().out());
                context().out().flush();
            }
            return ExitCode.OK;
        }
    }

    @CommandLine.Command(name = "verify", description = "Verify an export offline: event hashes, links, signed checkpoints, witnesses.")
    public static final class Verify extends Command {

        @Parameters(index = "0", paramLabel = "FILE", description = "the export (JSON Lines); '-' for standard input")
        String export;

        @Option(names = {"-k",
                "--public-key"}, paramLabel = "KEY", description = "the checkpoint public key: a PEM file or base64; default: the service's (GET /api/v1/audit/public-key) — an auditor should get it independently")
        String publicKey;

        @Option(names = {"-w",
                "--witness"}, paramLabel = "FILE", description = "a checkpoint witness file kept outside the database (repeatable)")
        List<Path> witnesses = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            var keyText = publicKey != null
                    ? (Files.exists(Path.of(publicKey))
                            ? Files.readString(Path.of(
                                    publicKey))
                            : publicKey)
                    : fetchPublicKey();
            java.security.PublicKey key;
            try {
                key = CheckpointSigner.publicKey(keyText.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            } catch (RuntimeException e) {
                throw CliException.usage("--public-key is not an Ed25519 public key (PEM or base64 X.509): "
                        + e.getMessage());
            }
            var witnessed = new ArrayList<Checkpoint>();
            for (var witness : witnesses) {
                if (!Files.isReadable(witness)) {
                    throw CliException.usage("the witness file " + witness + " cannot be read");
                }
                witnessed.addAll(new WitnessFile(witness).read());
            }
            if (!"-".equals(export) && !Files.isReadable(Path.of(export))) {
                throw CliException.usage("the export " + export + " cannot be read");
            }
            try (var reader = "-".equals(export)
                    ? new BufferedReader(new InputStreamReader(context().in(), StandardCharsets.UTF_8))
                    : Files.newBufferedReader(Path.of(export), StandardCharsets.UTF_8)) {
                var result = new ExportVerifier(key, witnessed).verify(reader);
                if (global.json()) {
                    var out = Json.object().put("ok", result.ok()).put("checked", result.checked())
                            .put("problem", result.problem()).put("witnessFiles", witnesses.size());
                    if (result.firstBrokenSequence() == null) {
                        out.putNull("firstBrokenSequence");
                    } else {
                        out.put("firstBrokenSequence", result.firstBrokenSequence());
                    }
                    printJson(out);
                } else if (result.ok()) {
                    println("ok: " + result.checked() + " events verified");
                } else {
                    println((result.firstBrokenSequence() == null
                            ? "NOT PROVEN"
                            : "BROKEN at sequence " + result.firstBrokenSequence()) + " (" + result.problem() + "); "
                            + result.checked() + " events checked");
                }
                return result.ok() ? ExitCode.OK : ExitCode.NOT_VERIFIED;
            }
        }

        private String fetchPublicKey() {
            var answer = Http.checked(http().send("GET", api("/api/v1/audit/public-key", null), Map.of(), null, null),
                    "reading the service's checkpoint public key");
            return answer.body();
        }
    }
}
