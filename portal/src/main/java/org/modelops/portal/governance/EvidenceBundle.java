package org.modelops.portal.governance;

import java.util.List;
import java.util.Map;

/**
 * Everything that backs one decision: digests, the pinned policy, verdicts, approvers with their comments and the
 * version's audit events. {@code json} is the bundle exactly as the service signed it off, for download.
 */
public record EvidenceBundle(Map<String, Object> fields, String json) {

    public EvidenceBundle {
        fields = fields == null ? Map.of() : fields;
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> approvers() {
        return fields.get("approvers") instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> auditEvents() {
        return fields.get("auditEvents") instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> section(String name) {
        return fields.get(name) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    public String text(String name) {
        var value = fields.get(name);
        return value == null ? "" : String.valueOf(value);
    }
}
