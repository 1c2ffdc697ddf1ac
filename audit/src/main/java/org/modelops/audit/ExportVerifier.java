package org.modelops.audit;

import com.fasterxml.jackson.core.JsonToken;
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
    private final int threads;

    public ExportVerifier(PublicKey checkpointKey) {
        this(checkpointKey, List.of());
    }

    /** Also compares the export with the checkpoints a witness outside the database saw ({@link WitnessFile}). */
    public ExportVerifier(PublicKey checkpointKey, List<Checkpoint> witnessed) {
        this(checkpointKey, witnessed, Runtime.getRuntime().availableProcessors());
    }

    /** @param threads how many threads parse and hash lines (1: all on the caller's thread) */
    public ExportVerifier(PublicKey checkpointKey, List<Checkpoint> witnessed, int threads) {
        this.checkpointKey = checkpointKey;
        this.witnessed = List.copyOf(witnessed);
        this.threads = Math.max(1, threads);
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
        var state = new Object() {
            Long expectedSequence;
            String previousHash;
            long checked;
            long first;
            long last;
            ChainVerification broken;
        };
        // Each line is parsed and hashed on its own (in parallel); the links are then checked in line order.
        try (var batches = new OrderedBatches<Line, Parsed>(threads, 512, ExportVerifier::parse, parsed -> {
            if (parsed.checkpoint() != null) {
                if (parsed.problem() != null) {
                    state.broken = ChainVerification.brokenAt(state.checked, parsed.checkpoint().sequence(),
                            parsed.problem());
                    return false;
                }
                checkpoints.add(parsed.checkpoint());
                return true;
            }
            if (parsed.notJson()) {
                state.broken = ChainVerification.brokenAt(state.checked,
                        state.expectedSequence == null ? 0 : state.expectedSequence, parsed.problem());
                return false;
            }
            long sequence = parsed.sequence();
            state.checked++;
            if (parsed.problem() != null) {
                state.broken = ChainVerification.brokenAt(state.checked, sequence, parsed.problem());
                return false;
            }
            if (contiguous) {
                if (state.expectedSequence == null && sequence == 1) {
                    state.previousHash = AuditEvent.GENESIS_HASH;
                }
                if (state.expectedSequence != null && sequence != state.expectedSequence) {
                    state.broken = ChainVerification.brokenAt(state.checked, state.expectedSequence,
                            "expected sequence " + state.expectedSequence + " but found " + sequence);
                    return false;
                }
                if (state.previousHash != null && !state.previousHash.equals(parsed.previousHash())) {
                    state.broken = ChainVerification.brokenAt(state.checked, sequence,
                            "event " + sequence + " does not link to the event before it");
                    return false;
                }
                state.expectedSequence = sequence + 1;
                state.previousHash = parsed.hash();
            }
            if (state.checked == 1) {
                state.first = sequence;
            }
            hashes.put(sequence, parsed.hash());
            state.last = Math.max(state.last, sequence);
            return true;
        })) {
            String line;
            int lineNumber = 1;
            while ((line = export.readLine()) != null) {
                lineNumber++;
                if (!line.isEmpty() && !batches.add(new Line(lineNumber, line))) {
                    break;
                }
            }
            batches.finish();
        }
        if (state.broken != null) {
            return state.broken;
        }
        long checked = state.checked;
        long first = state.first;
        long last = state.last;
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

    private record Line(int number, String text) {
    }

    /**
     * One line, parsed and checked on its own: a checkpoint (with a problem when it is not in canonical form), or an
     * event's sequence, previousHash and hash (with a problem when it has no hash member or does not hash to it).
     */
    private record Parsed(Checkpoint checkpoint, boolean notJson, long sequence, String previousHash, String hash,
            String problem) {
    }

    private static final ThreadLocal<CanonicalWriter> DIGESTS = ThreadLocal.withInitial(CanonicalWriter::new);

    private static Parsed parse(Line numbered) {
        var line = numbered.text();
        if (line.startsWith("{\"checkpoint\":")) {
            var checkpointMatch = CHECKPOINT_LINE.matcher(line);
            if (checkpointMatch.matches()) {
                try {
                    var payload = JSON.readTree(checkpointMatch.group(1));
                    var checkpoint = new Checkpoint(payload.path("sequence").asLong(), payload.path("hash").asText(),
                            Instant.parse(payload.path("signedAt").asText()), payload.path("keyId").asText(),
                            checkpointMatch.group(2));
                    return new Parsed(checkpoint, false, 0, null, null,
                            checkpoint.payload().equals(checkpointMatch.group(1))
                                    ? null
                                    : "checkpoint on line " + numbered.number() + " is not in canonical form");
                } catch (IOException | RuntimeException e) {
                    return new Parsed(null, true, 0, null, null, "line " + numbered.number() + " is not JSON");
                }
            }
        }
        long sequence = 0;
        String previousHash = "";
        try (var parser = JSON.getFactory().createParser(line)) {
            var root = parser.nextToken();
            if (root == null) {
                throw new IOException("no JSON value");
            }
            for (var token = root == JsonToken.START_OBJECT
                    ? parser.nextToken()
                    : null; token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                var name = parser.currentName();
                var value = parser.nextToken();
                if ("sequence".equals(name) && value.isNumeric()) {
                    sequence = parser.getValueAsLong();
                } else if ("previousHash".equals(name)) {
                    previousHash = value.isScalarValue() ? parser.getValueAsString("") : "";
                }
                parser.skipChildren();
            }
            parser.skipChildren();
        } catch (IOException e) {
            return new Parsed(null, true, 0, null, null, "line " + numbered.number() + " is not JSON");
        }
        int member = line.length() - HASH_MEMBER_LENGTH;
        if (member < 0 || !line.startsWith(",\"hash\":\"", member) || !line.endsWith("\"}")
                || !isLowerHex(line, member + 9, member + 73)) {
            return new Parsed(null, false, sequence, previousHash, null,
                    "line " + numbered.number() + " has no hash member");
        }
        var hash = line.substring(member + 9, member + 73);
        var canonical = line.substring(0, member) + "}";
        return new Parsed(null, false, sequence, previousHash, hash,
                DIGESTS.get().sha256Hex(canonical).equals(hash)
                        ? null
                        : "event " + sequence + " does not hash to its hash");
    }

    /** {@code ,"hash":"<64 hex>"}} at the end of an event line. */
    private static final int HASH_MEMBER_LENGTH = ",\"hash\":\"".length() + 64 + 2;

    private static boolean isLowerHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
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
