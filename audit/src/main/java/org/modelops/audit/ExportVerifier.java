package org.modelops.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Verifies a JSON Lines export offline, following docs/audit.md to the letter: each event line hashes to its
 * {@code hash}; in a contiguous export each links to the one before; each checkpoint's signature holds and the
 * export contains the event it signed, with the same hash.
 */
public final class ExportVerifier {

    private static final Pattern HASH_MEMBER = Pattern.compile(",\"hash\":\"([0-9a-f]{64})\"}$");
    private static final Pattern CHECKPOINT_LINE = Pattern
            .compile("^\\{\"checkpoint\":(\\{.*}),\"signature\":\"([A-Za-z0-9+/=]+)\"}$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PublicKey checkpointKey;

    public ExportVerifier(PublicKey checkpointKey) {
        this.checkpointKey = checkpointKey;
    }

    public ChainVerification verify(BufferedReader export) throws IOException {
        var header = export.readLine();
        if (header == null || !header.contains("\"format\":\"" + JsonLines.FORMAT + "\"")) {
            return ChainVerification.brokenAt(0, 0, "not a " + JsonLines.FORMAT + " export (first line)");
        }
        boolean contiguous = JSON.readTree(header).path("export").path("contiguous").asBoolean(false);
        var hashes = new HashMap<Long, String>();
        var checkpoints = new ArrayList<Checkpoint>();
        Long expectedSequence = null;
        String previousHash = null;
        long checked = 0;
        long last = 0;
        String line;
        int lineNumber = 1;
        while ((line = export.readLine()) != null) {
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            var checkpointMatch = CHECKPOINT_LINE.matcher(line);
            if (checkpointMatch.matches()) {
                var payload = JSON.readTree(checkpointMatch.group(1));
                var checkpoint = new Checkpoint(payload.path("sequence").asLong(), payload.path("hash").asText(),
                        Instant.parse(payload.path("signedAt").asText()), payload.path("keyId").asText(),
                        checkpointMatch.group(2));
                if (!checkpoint.payload().equals(checkpointMatch.group(1))) {
                    return ChainVerification.brokenAt(checked, checkpoint.sequence(),
                            "checkpoint on line " + lineNumber + " is not in canonical form");
                }
                checkpoints.add(checkpoint);
                continue;
            }
            var hashMatch = HASH_MEMBER.matcher(line);
            JsonNode event;
            try {
                event = JSON.readTree(line);
            } catch (IOException e) {
                return ChainVerification.brokenAt(checked, expectedSequence == null ? 0 : expectedSequence,
                        "line " + lineNumber + " is not JSON");
            }
            long sequence = event.path("sequence").asLong();
            checked++;
            if (!hashMatch.find()) {
                return ChainVerification.brokenAt(checked, sequence, "line " + lineNumber + " has no hash member");
            }
            var hash = hashMatch.group(1);
            var canonical = line.substring(0, hashMatch.start()) + "}";
            if (!sha256(canonical).equals(hash)) {
                return ChainVerification.brokenAt(checked, sequence,
                        "event " + sequence + " does not hash to its hash");
            }
            if (contiguous) {
                if (expectedSequence == null && sequence == 1) {
                    previousHash = AuditEvent.GENESIS_HASH;
                }
                if (expectedSequence != null && sequence != expectedSequence) {
                    return ChainVerification.brokenAt(checked, expectedSequence,
                            "expected sequence " + expectedSequence + " but found " + sequence);
                }
                if (previousHash != null && !previousHash.equals(event.path("previousHash").asText())) {
                    return ChainVerification.brokenAt(checked, sequence,
                            "event " + sequence + " does not link to the event before it");
                }
                expectedSequence = sequence + 1;
                previousHash = hash;
            }
            hashes.put(sequence, hash);
            last = Math.max(last, sequence);
        }
        return checkCheckpoints(checkpoints, hashes, contiguous, last, checked);
    }

    private ChainVerification checkCheckpoints(List<Checkpoint> checkpoints, Map<Long, String> hashes,
            boolean contiguous, long last, long checked) {
        for (var checkpoint : checkpoints) {
            if (!CheckpointSigner.verify(checkpoint, checkpointKey)) {
                return ChainVerification.brokenAt(checked, checkpoint.sequence(),
                        "checkpoint " + checkpoint.sequence() + " is not signed by the given key");
            }
            var hash = hashes.get(checkpoint.sequence());
            if (hash == null && contiguous && checkpoint.sequence() > last) {
                return ChainVerification.brokenAt(checked, last + 1, "checkpoint signed at " + checkpoint.signedAt()
                        + " saw event " + checkpoint.sequence() + ", but the export ends at " + last
                        + ": the newest events were removed");
            }
            if (hash != null && !hash.equals(checkpoint.hash())) {
                return ChainVerification.brokenAt(checked, checkpoint.sequence(),
                        "event " + checkpoint.sequence() + " differs from the one its checkpoint signed");
            }
        }
        return ChainVerification.intact(checked);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
