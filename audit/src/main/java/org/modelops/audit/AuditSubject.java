package org.modelops.audit;

import java.util.Objects;

/** What an event is about, e.g. {@code model-version} {@code credit-risk/7}. */
public record AuditSubject(String type, String id) {

    public AuditSubject {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    public static AuditSubject model(String name) {
        return new AuditSubject("model", name);
    }

    public static AuditSubject modelVersion(String name, int version) {
        return new AuditSubject("model-version", name + "/" + version);
    }
}
