package org.modelops.governance.events.model;

import java.util.regex.Pattern;
import org.modelops.audit.AuditSubject;

/**
 * What an event is about, as other systems see it: the model and version (when it is about one), the CloudEvents
 * {@code subject} ({@code models/<name>/versions/<n>}, {@code models/<name>}, {@code policies/<name>}) and the key that
 * orders delivery: the model's name, so that events of one model arrive in the order they happened.
 */
public record EventSubject(String model, Integer version, String subject, String orderingKey) {

    private static final Pattern VERSION_ID = Pattern.compile("(.+)/([1-9][0-9]{0,8})");

    /** Never fails (it runs in the change's commit): a subject it does not recognise stays {@code <type>/<id>}. */
    public static EventSubject of(AuditSubject audited) {
        var version = VERSION_ID.matcher(audited.id());
        if (audited.type().equals("model-version") && version.matches()) {
            var model = version.group(1);
            return new EventSubject(model, Integer.valueOf(version.group(2)),
                    "models/" + model + "/versions/" + version.group(2), model);
        }
        return switch (audited.type()) {
            case "model" -> new EventSubject(audited.id(), null, "models/" + audited.id(), audited.id());
            case "policy" -> new EventSubject(null, null, "policies/" + audited.id(), "policy:" + audited.id());
            default -> new EventSubject(null, null, audited.type() + "/" + audited.id(),
                    audited.type() + ":" + audited.id());
        };
    }
}
