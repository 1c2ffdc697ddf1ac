package org.modelops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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

    private List<String> export(int events, long checkpointAt) {
        var lines = new ArrayList<String>();
        lines.add(JsonLines.header(Map.of(), true, "2026-11-23T10:00:00.000000Z", signer.keyId()));
        var previous = AuditEvent.GENESIS_HASH;
        String hashAtCheckpoint = null;
        for (int i = 1; i <= events; i++) {
            var event = AuditEvent.sealed(i, Instant.parse("2026-11-23T10:00:00Z").plusSeconds(i),
                    new AuditRecord(CARL, "audit.exported", AuditSubject.model("m"), Map.of("n", i)), previous);
            lines.add(JsonLines.event(event));
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
