package org.modelops.cli;

/**
 * The exit codes a CI system acts on (docs/cli.md has the table). 0 is success: for {@code submit --wait} the version
 * reached what {@code --require} asked for. Each failure has its own code, so that a pipeline can tell a rejected
 * model from a service that was down.
 */
public final class ExitCode {

    /** Done; for {@code submit --wait}: the version reached the required state. */
    public static final int OK = 0;
    /** The service refused the request (400, 409, 422) or an import left something out. */
    public static final int REFUSED = 1;
    /** Bad arguments, or an evidence file that cannot be read or parsed. */
    public static final int USAGE = 2;
    /** The version was rejected (or rolled back, or retired) and cannot reach the required state. */
    public static final int REJECTED = 3;
    /** {@code --wait} gave up: the version was still on its way when {@code --timeout} ran out. */
    public static final int TIMED_OUT = 4;
    /** No valid credentials: login failed, the token is missing, expired or refused (401). */
    public static final int AUTHENTICATION = 5;
    /** Authenticated, but not allowed (403). */
    public static final int FORBIDDEN = 6;
    /** No such model, version or task (404). */
    public static final int NOT_FOUND = 7;
    /** The service or the identity provider cannot be reached, or answered 5xx or 429. */
    public static final int UNAVAILABLE = 8;
    /** {@code audit verify}: the export is broken or cannot be proven intact. */
    public static final int NOT_VERIFIED = 9;

    private ExitCode() {
    }

    /** The exit code for an HTTP error status of the service. */
    public static int forStatus(int status) {
        return switch (status) {
            case 401 -> AUTHENTICATION;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 429 -> UNAVAILABLE;
            default -> status >= 500 ? UNAVAILABLE : REFUSED;
        };
    }
}
