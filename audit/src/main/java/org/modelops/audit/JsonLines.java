package org.modelops.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON Lines export format (docs/audit.md). Line 1 describes the export; each event line is the event's
 * canonical form with {@code ,"hash":"<hex>"} inserted before the final brace, so that
 * {@code sha256(line minus that member) == hash} can be checked with standard tools; checkpoint lines are
 * {@code {"checkpoint":<canonical payload>,"signature":"<base64>"}}.
 */
public final class JsonLines {

    public static final String FORMAT = "modelops-audit-jsonl/1";

    private JsonLines() {
    }

    /** The header of a filtered export, whose events are not a run of sequence numbers. */
    public static String header(Map<String, Object> filters, boolean contiguous, String exportedAt, String keyId) {
        return CanonicalForm.canonical(Map.of("export", export(filters, contiguous, exportedAt, keyId)));
    }

    /**
     * The header of a contiguous export: it declares the first and last sequence number it holds, so that events cut
     * from either end are caught.
     */
    public static String header(Map<String, Object> filters, boolean contiguous, String exportedAt, String keyId,
            long firstSequence, long lastSequence) {
        var export = export(filters, contiguous, exportedAt, keyId);
        export.put("firstSequence", firstSequence);
        export.put("lastSequence", lastSequence);
        return CanonicalForm.canonical(Map.of("export", export));
    }

    private static Map<String, Object> export(Map<String, Object> filters, boolean contiguous, String exportedAt,
            String keyId) {
        var export = new LinkedHashMap<String, Object>();
        export.put("format", FORMAT);
        export.put("contiguous", contiguous);
        export.put("exportedAt", exportedAt);
        export.put("filters", filters);
        export.put("keyId", keyId);
        return export;
    }

    public static String event(AuditEvent event) {
        var canonical = CanonicalForm.of(event);
        return canonical.substring(0, canonical.length() - 1) + ",\"hash\":\"" + event.hash() + "\"}";
    }

    /** The same line from the stored columns, written by the given (per-thread) writer. */
    public static String event(CanonicalWriter writer, StoredEvent event) {
        var canonical = writer.canonical(event);
        return canonical.substring(0, canonical.length() - 1) + ",\"hash\":\"" + event.hash() + "\"}";
    }

    public static String checkpoint(Checkpoint checkpoint) {
        return "{\"checkpoint\":" + checkpoint.payload() + ",\"signature\":\"" + checkpoint.signature() + "\"}";
    }
}
