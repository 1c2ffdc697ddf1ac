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
 * {@code hash} and links to the one before; the export holds the range of sequence numbers its header declares; each
 * checkpoint's signature holds and the export contains the event it signed, with the same hash; and a checkpoint
 * signs the export's last event, which the links then tie to every event before it. What it cannot prove (a filtered
 * export, one whose checkpoints are gone) it refuses.
 */
public final class ExportVerifier {

    private static final Pattern HASH_MEMBER = Pattern.compile(",\"hash\":\"([0-9a-f]{64})\"}$");
    private static final Pattern CHECKPOINT_LINE = Pattern
            .compile("^\\{\"checkpoint\":(\\{.*}),\"signature\":\"([A-Za-z0-9+/=]+)\"}$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PublicKey checkpointKey;
    private final List<Checkpoint> witnessed;

    public ExportVerifier(PublicKey checkpointKey) {
        this(checkpointKey, List.of());
    }

    /** Also compares the export with the checkpoints a witness outside the database saw ({@link WitnessFile}). */
    public ExportVerifier(PublicKey checkpointKey, List<Checkpoint> witnessed) {
        this.checkpointKey = checkpointKey;
        this.witnessed = List.copyOf(witnessed);
    }

    public ChainVerification verify(BufferedReader export) throws IOException {
        var header = export.readLine();
        if (header == null || !header.contains("\"format\":\"" + JsonLines.FORMAT + "\"")) {
            return ChainVerification.brokenAt(0, 0, "not a " + JsonLines.FORMAT + " export (first line)");
        }
        var declared = JSON.readTree(header).path("export");
        boolean contiguous = declared.path("contiguous").asBoolean(false);
        var hashes = new HashMap<Long, String>();
        var checkpoints = new ArrayList<Checkpoint>();
        Long expectedSequence = null;
        String previousHash = null;
        long checked = 0;
        long first = 0;
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
            if (checked == 1) {
                first = sequence;
            }
            hashes.put(sequence, hash);
            last = Math.max(last, sequence);
        }
        if (!contiguous) {
            return ChainVerification.unproven(checked, "the export is filtered (" + declared.path("filters")
                    + "): each of its " + checked + " events hashes to its hash, but without the events between"
                    + " them neither their links nor a signed checkpoint can be checked, so nothing proves them;"
                    + " verify an export of a sequence range (no filter but fromSequence/toSequence)");
        }
        if (checked == 0) {
            return ChainVerification.unproven(0, "the export holds no events: nothing to verify");
        }
        var range = checkRange(declared, first, last, checked);
        if (range != null) {
            return range;
        }
        return ChainVerification.earliest(checkCheckpoints(checkpoints, hashes, first, last, checked),
                checkWitness(declared, hashes, first, last, checked));
    }

    /**
     * The export's events at witnessed sequences must have the witnessed hashes. An export of the whole chain (no
     * {@code toSequence}) must also reach every checkpoint witnessed before it was made.
     */
    private ChainVerification checkWitness(JsonNode declared, Map<Long, String> hashes, long first, long last,
            long checked) {
        boolean toHead = !declared.path("filters").has("toSequence");
        Instant exportedAt = declared.has("exportedAt") ? Instant.parse(declared.path("exportedAt").asText()) : null;
        var relevant = witnessed.stream().filter(witness -> witness.sequence() <= last
                || toHead && exportedAt != null && witness.signedAt().isBefore(exportedAt)).toList();
        return WitnessComparison.compare(relevant, checkpointKey, hashes, null, first, last, true, checked);
    }

    /** A contiguous export declares the run of sequence numbers it holds: events cut from either end contradict it. */
    private static ChainVerification checkRange(JsonNode declared, long first, long last, long checked) {
        long declaredFirst = declared.has("firstSequence")
                ? declared.path("firstSequence").asLong()
                : declared.path("filters").path("fromSequence").asLong(1);
        Long declaredLast = declared.has("lastSequence") ? declared.path("lastSequence").asLong() : null;
        if (first == declaredFirst && (declaredLast == null || last == declaredLast)) {
            return null;
        }
        var problem = "the export declares events " + declaredFirst + " to "
                + (declaredLast == null ? "its end" : declaredLast) + " but holds events " + first + " to " + last
                + (first > declaredFirst
                        ? ": the oldest events were removed"
                        : last < declaredLast ? ": the newest events were removed" : ": events were added");
        long broken = first != declaredFirst ? Math.min(first, declaredFirst) : Math.min(last, declaredLast) + 1;
        return ChainVerification.brokenAt(checked, broken, problem);
    }

    private ChainVerification checkCheckpoints(List<Checkpoint> checkpoints, Map<Long, String> hashes, long first,
            long last, long checked) {
        long provenUpTo = first - 1;
        for (var checkpoint : checkpoints) {
            if (!CheckpointSigner.verify(checkpoint, checkpointKey)) {
                return ChainVerification.brokenAt(checked, checkpoint.sequence(),
                        "checkpoint " + checkpoint.sequence() + " is not signed by the given key");
            }
            var hash = hashes.get(checkpoint.sequence());
            if (hash == null && checkpoint.sequence() > last) {
                return ChainVerification.brokenAt(checked, last + 1, "checkpoint signed at " + checkpoint.signedAt()
                        + " saw event " + checkpoint.sequence() + ", but the export ends at " + last
                        + ": the newest events were removed");
            }
            if (hash != null && !hash.equals(checkpoint.hash())) {
                return ChainVerification.brokenAt(checked, checkpoint.sequence(),
                        "event " + checkpoint.sequence() + " differs from the one its checkpoint signed");
            }
            if (hash != null) {
                provenUpTo = Math.max(provenUpTo, checkpoint.sequence());
            }
        }
        if (provenUpTo < last) {
            return ChainVerification.brokenAt(checked, provenUpTo + 1, "no signed checkpoint covers event " + last
                    + ", the export's last: its checkpoint lines were removed or it was cut short, so nothing proves"
                    + " events " + (provenUpTo + 1) + " to " + last);
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
