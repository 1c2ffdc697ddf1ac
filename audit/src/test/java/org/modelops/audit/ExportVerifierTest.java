package org.modelops.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelops.audit.cli.VerifyExport;

class ExportVerifierTest {

    private static final AuditActor CARL = new AuditActor("s-2", "carl", List.of("compliance-officer"));
    private final CheckpointSigner signer = signer();

    @Test
    void anUntouchedExportVerifies() throws Exception {
        assertThat(verify(export(5, 5))).isEqualTo(ChainVerification.intact(5));
    }

    @Test
    void changingOneByteOfAnEventIsCaughtAtThatEvent() throws Exception {
        var lines = export(5, 5);
        lines.set(3, lines.get(3).replace("\"n\":3", "\"n\":4"));
        var result = verify(lines);
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(3L);
    }

    @Test
    void droppingTheNewestEventsContradictsTheCheckpoint() throws Exception {
        var lines = export(5, 5);
        lines.remove(5);
        lines.remove(4);
        var result = verify(lines);
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(4L);
        assertThat(result.problem()).contains("newest events were removed");
    }

    @Test
    void aCheckpointSignedByAnotherKeyIsRefused() throws Exception {
        var lines = export(3, 3);
        var forged = signer().sign(3, "f".repeat(64), Instant.now());
        lines.set(lines.size() - 1, JsonLines.checkpoint(forged));
        assertThat(verify(lines).problem()).contains("not signed by the given key");
    }

    @Test
    void anExportWhoseCheckpointLinesWereDeletedProvesNothing() throws Exception {
        var lines = export(5, 5);
        lines.removeIf(line -> line.startsWith("{\"checkpoint\""));
        var result = verify(lines);
        assertThat(result.ok()).isFalse();
        assertThat(result.problem()).contains("no signed checkpoint covers event 5");
    }

    @Test
    void aCheckpointOnAnEarlierEventDoesNotProveTheEventsAfterIt() throws Exception {
        var result = verify(export(5, 3));
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(4L);
        assertThat(result.problem()).contains("no signed checkpoint covers event 5");
    }

    @Test
    void droppingTheOldestEventsContradictsTheDeclaredRange() throws Exception {
        var lines = export(5, 5);
        lines.remove(2);
        lines.remove(1);
        var result = verify(lines);
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(1L);
        assertThat(result.problem()).contains("declares events 1 to 5 but holds events 3 to 5");
    }

    @Test
    void aSequenceRangeWithACheckpointOnItsLastEventVerifies() throws Exception {
        assertThat(verify(export(3, 5, 5, 3, 5))).isEqualTo(ChainVerification.intact(3));
    }

    @Test
    void aRangeThatEndsBeforeItsDeclaredEndIsRefused() throws Exception {
        var result = verify(export(1, 4, 4, 1, 5));
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(5L);
        assertThat(result.problem()).contains("declares events 1 to 5 but holds events 1 to 4");
    }

    @Test
    void aFilteredExportCannotBeProvenOffline() throws Exception {
        var lines = export(3, 3);
        lines.set(0, JsonLines.header(Map.of("model", "m"), false, "2026-11-23T10:00:00.000000Z", signer.keyId()));
        var result = verify(lines);
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenSequence()).isNull();
        assertThat(result.problem()).contains("filtered");
    }

    @Test
    void theCommandLineExitsNonZeroWhenTheCheckpointLinesAreGone(@TempDir Path directory) throws Exception {
        var lines = export(5, 5);
        var intact = Files.write(directory.resolve("intact.jsonl"), lines);
        lines.removeIf(line -> line.startsWith("{\"checkpoint\""));
        var stripped = Files.write(directory.resolve("stripped.jsonl"), lines);
        var key = Base64.getEncoder().encodeToString(signer.publicKey().getEncoded());
        assertThat(VerifyExport.run(intact.toString(), "--public-key", key)).isZero();
        assertThat(VerifyExport.run(stripped.toString(), "--public-key", key)).isEqualTo(1);
    }

    @Test
    void anEventWhoseHashDiffersFromItsWitnessedCheckpointIsBrokenThere() throws Exception {
        var witnessed = List.of(signer.sign(3, "e".repeat(64), Instant.parse("2026-11-23T09:00:00Z")));
        var result = new ExportVerifier(signer.publicKey(), witnessed)
                .verify(new BufferedReader(new StringReader(String.join("\n", export(5, 5)))));
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(3L);
        assertThat(result.problem()).contains("event 3 no longer has the hash its witness saw");
    }

    @Test
    void anExportOfTheWholeChainMustReachEveryCheckpointWitnessedBeforeIt() throws Exception {
        var before = signer.sign(7, "e".repeat(64), Instant.parse("2026-11-23T09:59:00Z"));
        var after = signer.sign(7, "e".repeat(64), Instant.parse("2026-11-23T10:01:00Z"));
        var lines = String.join("\n", export(5, 5));
        var cut = new ExportVerifier(signer.publicKey(), List.of(before)).verify(new BufferedReader(new StringReader(
                lines)));
        assertThat(cut.firstBrokenSequence()).isEqualTo(6L);
        assertThat(cut.problem()).contains("the witness saw event 7").contains("newest events were removed");
        assertThat(new ExportVerifier(signer.publicKey(), List.of(after)).verify(new BufferedReader(
                new StringReader(lines)))).as("witnessed after the export").isEqualTo(ChainVerification.intact(5));
    }

    @Test
    void theCommandLineComparesWithAWitnessFile(@TempDir Path directory) throws Exception {
        var lines = export(5, 5);
        var export = Files.write(directory.resolve("export.jsonl"), lines);
        var key = Base64.getEncoder().encodeToString(signer.publicKey().getEncoded());
        var witness = new WitnessFile(directory.resolve("witness.jsonl"));
        witness.append(signer.sign(5, lines.get(5).replaceAll(".*\"hash\":\"([0-9a-f]{64})\"}$", "$1"),
                Instant.parse("2026-11-23T09:00:00Z")));
        assertThat(VerifyExport.run(export.toString(), "--public-key", key, "--witness", witness.path().toString()))
                .isZero();
        witness.append(signer.sign(2, "e".repeat(64), Instant.parse("2026-11-23T09:00:00Z")));
        assertThat(witness.read()).hasSize(2);
        assertThat(VerifyExport.run(export.toString(), "--public-key", key, "--witness", witness.path().toString()))
                .isEqualTo(1);
        Files.writeString(witness.path(), "{\"checkpoint\": forged}\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(witness::read).hasMessageContaining("line 3 is not a checkpoint line");
    }

    private List<String> export(int events, long checkpointAt) {
        return export(1, events, checkpointAt, 1, events);
    }

    /** Events first..last of a chain, a checkpoint on one of them, and a header that declares a range. */
    private List<String> export(int first, int last, long checkpointAt, long declaredFirst, long declaredLast) {
        var lines = new ArrayList<String>();
        lines.add(JsonLines.header(Map.of(), true, "2026-11-23T10:00:00.000000Z", signer.keyId(), declaredFirst,
                declaredLast));
        var previous = AuditEvent.GENESIS_HASH;
        String hashAtCheckpoint = null;
        for (int i = 1; i <= last; i++) {
            var event = AuditEvent.sealed(i, Instant.parse("2026-11-23T10:00:00Z").plusSeconds(i),
                    new AuditRecord(CARL, "audit.exported", AuditSubject.model("m"), Map.of("n", i)), previous);
            if (i >= first) {
                lines.add(JsonLines.event(event));
            }
            previous = event.hash();
            if (i == checkpointAt) {
                hashAtCheckpoint = event.hash();
            }
        }
        lines.add(JsonLines.checkpoint(signer.sign(checkpointAt, hashAtCheckpoint, Instant.now())));
        return lines;
    }

    private ChainVerification verify(List<String> lines) throws Exception {
        return new ExportVerifier(signer.publicKey())
                .verify(new BufferedReader(new StringReader(String.join("\n", lines))));
    }

    private static CheckpointSigner signer() {
        try {
            var pair = CheckpointSigner.newKeyPair();
            return CheckpointSigner.fromBase64("test", pair[0], pair[1]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
