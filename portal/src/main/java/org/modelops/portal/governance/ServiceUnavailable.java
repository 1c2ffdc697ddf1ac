package org.modelops.portal.governance;

/** The governance service could not be reached, or answered something the portal cannot read. */
public class ServiceUnavailable extends RuntimeException {

    private static final String UNREACHABLE = "The governance service is not answering right now. Nothing was changed;"
            + " try again in a moment.";
    private static final String UNREADABLE = "The governance service gave an answer the portal cannot read. Reload"
            + " the page to see where things stand; if this keeps happening, tell your administrator.";

    private final String plainMessage;

    public ServiceUnavailable(String message, Throwable cause) {
        this(message, cause, UNREACHABLE);
    }

    private ServiceUnavailable(String message, Throwable cause, String plainMessage) {
        super(message, cause);
        this.plainMessage = plainMessage;
    }

    /** An answer that is not what the API promises (a proxy's error page, an incompatible service version). */
    public static ServiceUnavailable unreadable(String message, Throwable cause) {
        return new ServiceUnavailable(message, cause, UNREADABLE);
    }

    public String plainMessage() {
        return plainMessage;
    }
}
