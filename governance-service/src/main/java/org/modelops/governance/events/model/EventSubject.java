package org.modelops.governance.events.model;

import org.modelops.audit.AuditSubject;

/**
 * What an event is about, as other systems see it: the model and version (when it is about one), the CloudEvents
 * {@code subject} ({@code models/<name>/versions/<n>}, {@code models/<name>}, {@code policies/<name>}) and the key that
 * orders delivery: the model's name, so that events of one model arrive in the order they happened.
 */
public record EventSubject(String model, Integer version, String subject, String orderingKey) {

    public static EventSubject of(AuditSubject audited) {
        return switch (audited.type()) {
            case "model-version" -> {
                int slash = audited.id().lastIndexOf('/');
                var model = audited.id().substring(0, slash);
                var version = Integer.valueOf(audited.id().substring(slash + 1));
                yield new EventSubject(model, version, "models/" + model + "/versions/" + version, model);
            }
            case "model" -> new EventSubject(audited.id(), null, "models/" + audited.id(), audited.id());
            case "policy" -> new EventSubject(null, null, "policies/" + audited.id(), "policy:" + audited.id());
            default -> new EventSubject(null, null, audited.type() + "/" + audited.id(),
                    audited.type() + ":" + audited.id());
        };
    }
}
