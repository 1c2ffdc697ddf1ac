package org.modelops.audit;

import java.util.List;
import java.util.Objects;

/** Who caused an event: the identity provider's subject, a readable username, and the roles they held. */
public record AuditActor(String subject, String username, List<String> roles) {

    public static final AuditActor SYSTEM = new AuditActor("system", "system", List.of());

    public AuditActor {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(username, "username");
        roles = roles == null ? List.of() : roles.stream().sorted().toList();
    }
}
