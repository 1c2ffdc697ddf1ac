package org.modelops.governance.shared;

import java.util.List;

/**
 * A governed action was refused. {@code rule} is a stable slug a client can act on (it becomes the problem type);
 * the message says, for a person, which value broke which rule.
 */
public class Refusal extends RuntimeException {

    public enum Kind {
        INVALID, NOT_FOUND, CONFLICT, UNPROCESSABLE, FORBIDDEN, TOO_MANY, TOO_LARGE
    }

    private final Kind kind;
    private final String rule;
    private final List<FieldViolation> violations;

    public Refusal(Kind kind, String rule, String message) {
        this(kind, rule, message, List.of());
    }

    public Refusal(Kind kind, String rule, String message, List<FieldViolation> violations) {
        super(message);
        this.kind = kind;
        this.rule = rule;
        this.violations = List.copyOf(violations);
    }

    public Kind kind() {
        return kind;
    }

    public String rule() {
        return rule;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    public static Refusal notFound(String rule, String message) {
        return new Refusal(Kind.NOT_FOUND, rule, message);
    }

    public static Refusal conflict(String rule, String message) {
        return new Refusal(Kind.CONFLICT, rule, message);
    }

    public static Refusal invalid(List<FieldViolation> violations) {
        var message = violations.size() != 1
                ? violations.size() + " fields are invalid"
                : violations.getFirst().field().isEmpty()
                        ? violations.getFirst().message()
                        : violations.getFirst().field() + ": " + violations.getFirst().message();
        return new Refusal(Kind.INVALID, "invalid-request", message, violations);
    }
}
