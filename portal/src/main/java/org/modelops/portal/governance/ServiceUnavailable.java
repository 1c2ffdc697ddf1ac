package org.modelops.portal.governance;

/** The governance service could not be reached or failed; nothing the user did was recorded. */
public class ServiceUnavailable extends RuntimeException {

    public ServiceUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    public String plainMessage() {
        return "The governance service is not answering right now. Nothing was changed; try again in a moment.";
    }
}
