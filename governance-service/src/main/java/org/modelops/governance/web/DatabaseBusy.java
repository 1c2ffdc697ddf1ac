package org.modelops.governance.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import java.sql.SQLException;

/**
 * The database answered, but the request gave up on a bound the service sets on every session: it waited too long for
 * a lock another transaction held ({@code lock_timeout}, SQLSTATE 55P03) or ran too long ({@code statement_timeout},
 * 57014). Nothing was changed; the caller gets 503 with {@code Retry-After}, never a 500.
 */
public final class DatabaseBusy extends RuntimeException {

    public static final int RETRY_AFTER_SECONDS = 2;

    DatabaseBusy(Throwable cause) {
        super(describe(cause) + " Nothing was changed (a change is all or nothing). Retry in " + RETRY_AFTER_SECONDS
                + " s.", cause);
    }

    public static boolean causedBy(Throwable failure) {
        return sqlState(failure) != null;
    }

    public static MutableHttpResponse<?> response(ErrorResponseProcessor<?> problems, HttpRequest<?> request,
            Throwable failure) {
        return problems.processResponse(ErrorContext.builder(request).cause(new DatabaseBusy(failure)).build(),
                HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE))
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
    }

    private static String describe(Throwable failure) {
        return "55P03".equals(sqlState(failure))
                ? "Another change held a lock this request needed for longer than the database's lock timeout."
                : "The database statement ran longer than the statement timeout.";
    }

    private static String sqlState(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && ("55P03".equals(sql.getSQLState())
                    || "57014".equals(sql.getSQLState()))) {
                return sql.getSQLState();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
