package org.modelops.audit;

/** The audit trail could not be written or read; the change it was to record must not commit. */
public class AuditTrailException extends RuntimeException {

    public AuditTrailException(String message, Throwable cause) {
        super(message, cause);
    }
}
