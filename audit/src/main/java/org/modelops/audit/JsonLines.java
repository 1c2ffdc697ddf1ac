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

    public static String header(Map<String, Object> filters, boolean contiguous, String exportedAt, String keyId) {
        var export = new LinkedHashMap<String, Object>();
        export.put("format", FORMAT);
        export.put("contiguous", contiguous);
        export.put("exportedAt", exportedAt);
        export.put("filters", filters);
        export.put("keyId", keyId);
        return CanonicalForm.canonical(Map.of("export", export));
    }

    public static String event(AuditEvent event) {
        var canonical = CanonicalForm.of(event);
        return canonical.substring(0, canonical.length() - 1) + ",\"hash\":\"" + event.hash() + "\"}";
    }

    public static String checkpoint(Checkpoint checkpoint) {
        return "{\"checkpoint\":" + checkpoint.payload() + ",\"signature\":\"" + checkpoint.signature() + "\"}";
    }
}
