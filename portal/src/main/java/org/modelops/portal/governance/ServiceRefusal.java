package org.modelops.portal.governance;

import java.util.List;

/**
 * The service said no (an RFC 9457 problem): {@code type} names the rule, {@code detail} says it for people,
 * {@code errors} name the fields.
 */
public class ServiceRefusal extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final String detail;
    private final List<FieldError> errors;

    public ServiceRefusal(int status, String type, String title, String detail, List<FieldError> errors) {
        super(status + " " + type + ": " + (detail == null ? title : detail));
        this.status = status;
        this.type = type == null ? "about:blank" : type;
        this.title = title;
        this.detail = detail;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public boolean is(String problem) {
        return type.equals("/problems/" + problem);
    }

    /** The service's own sentence (RFC 9457 {@code detail}); may be null. */
    public String detail() {
        return detail;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** A sentence a domain expert or compliance officer can act on. */
    public String plainMessage() {
        if (is("task-already-decided") || is("task-not-found")) {
            return "Somebody else decided this first, or it is no longer waiting for you. Nothing was changed.";
        }
        if (is("evidence-changed")) {
            return "The evidence changed since you opened this decision, so your decision was not recorded: it would"
                    + " have been bound to evidence that no longer holds. Reload the decision, look at the new evidence"
                    + " and decide again.";
        }
        if (is("task-withdrawn")) {
            return "This decision was withdrawn before anyone decided, because its evidence changed. Nothing was"
                    + " recorded." + (blank(detail) ? "" : " The service says: " + detail);
        }
        if (is("stale-rollback")) {
            return "What serves this model changed since the page was loaded (somebody else may have rolled back"
                    + " first, or the rollout moved on). Nothing was changed. The page now shows what serves; decide"
                    + " again from there.";
        }
        if (is("separation-of-duties")) {
            return "You cannot decide on this version: you submitted it or belong to the team that owns the model.";
        }
        if (is("one-person-counts-once")) {
            return "You have already decided on this version; another approver must give the next approval.";
        }
        if (is("forbidden") || is("not-an-approver")) {
            return "You are not allowed to do this. Ask a governance administrator if you think you should be.";
        }
        if (is("unauthorized")) {
            return "Your session has ended. Sign in again.";
        }
        var text = detail != null && !detail.isBlank() ? detail : title;
        if (text == null || text.isBlank()) {
            text = "The governance service refused the request (" + status + ").";
        }
        if (!errors.isEmpty()) {
            var first = errors.getFirst();
            text = text + " (" + (first.field().isBlank() ? "" : first.field() + ": ") + first.message() + ")";
        }
        return text;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    public record FieldError(String field, String rule, String message) {
    }
}
