package org.modelops.governance.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * The database cannot be reached: no connection within the pool's short timeout, or the connection broke. The caller
 * gets 503 with {@code Retry-After} instead of a slow 500; the pool reconnects by itself once the database is back.
 */
public final class DatabaseUnavailable extends RuntimeException {

    public static final int RETRY_AFTER_SECONDS = 5;

    DatabaseUnavailable(Throwable cause) {
        super("The database cannot be reached, so the request was not completed (a change is all or nothing)."
                + " Retry in " + RETRY_AFTER_SECONDS + " s.", cause);
    }

    /** Whether the failure is the database being out of reach rather than a fault of the request or the code. */
    public static boolean causedBy(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof ConnectException || cause instanceof SocketException) {
                return true;
            }
            // Hikari's answer for a pooled connection it already evicted because its socket broke.
            if (cause instanceof SQLException sql && "Connection is closed".equals(sql.getMessage())) {
                return true;
            }
            // SQLSTATE class 08: connection exception; 57P01-57P03: the server is shutting down or not accepting.
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    public static MutableHttpResponse<?> response(ErrorResponseProcessor<?> problems, HttpRequest<?> request,
            Throwable failure) {
        return problems.processResponse(ErrorContext.builder(request).cause(new DatabaseUnavailable(failure)).build(),
                HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE))
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
    }
}
