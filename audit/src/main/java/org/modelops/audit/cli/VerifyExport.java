package org.modelops.audit.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.modelops.audit.Checkpoint;
import org.modelops.audit.CheckpointSigner;
import org.modelops.audit.ExportVerifier;
import org.modelops.audit.WitnessFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code java -jar audit-verifier.jar export.jsonl --public-key checkpoint-key.pem}: exit 0 when proven intact, 1 when broken or unprovable. */
@Command(name = "verify-audit-export", mixinStandardHelpOptions = true, version = "modelops audit verifier 1", description = "Verifies a ModelOps Governance audit export (JSON Lines) offline: event hashes, the links "
        + "between events, and the signed checkpoints.")
public final class VerifyExport implements Callable<Integer> {

    @Parameters(index = "0", description = "the export file (JSON Lines); '-' for standard input")
    private String export;

    @Option(names = {"-k",
            "--public-key"}, required = true, description = "the checkpoint public key: a PEM file or base64 X.509 SubjectPublicKeyInfo")
    private String publicKey;

    @Option(names = {"-w",
            "--witness"}, description = "a checkpoint witness file (one checkpoint line per signed checkpoint, kept outside the database): the export's events at witnessed sequences must have the witnessed hashes")
    private List<Path> witnesses = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The exit code: 0 when the export is proven intact, 1 when it is broken or cannot be proven. */
    public static int run(String... args) {
        return new CommandLine(new VerifyExport()).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        var keyText = Files.exists(Path.of(publicKey)) ? Files.readString(Path.of(publicKey)) : publicKey;
        var key = CheckpointSigner.publicKey(keyText.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        try (var reader = "-".equals(export)
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(export), StandardCharsets.UTF_8)) {
            var witnessed = new ArrayList<Checkpoint>();
            for (var witness : witnesses) {
                if (!Files.isReadable(witness)) {
                    System.out.println("NOT PROVEN (the witness file " + witness + " cannot be read)");
                    return 1;
                }
                witnessed.addAll(new WitnessFile(witness).read());
            }
            var result = new ExportVerifier(key, witnessed).verify(reader);
            if (result.ok()) {
                System.out.println("ok: " + result.checked() + " events verified");
                return 0;
            }
            System.out.println((result.firstBrokenSequence() == null
                    ? "NOT PROVEN"
                    : "BROKEN at sequence " + result.firstBrokenSequence()) + " (" + result.problem() + "); "
                    + result.checked() + " events checked");
            return 1;
        }
    }
}
