package org.modelops.governance.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What no more specific handler claims: a lost database is 503 with {@code Retry-After}
 * ({@link DatabaseUnavailable}), a lock or statement timeout too ({@link DatabaseBusy}); anything else stays the logged 500 it always was.
 */
@Singleton
@Produces
final class UnexpectedFailureHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedFailureHandler.class);

    private final ErrorResponseProcessor<?> problems;

    UnexpectedFailureHandler(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException failure) {
        if (DatabaseUnavailable.causedBy(failure)) {
            LOG.warn("{} {}: the database cannot be reached: {}", request.getMethodName(), request.getPath(),
                    failure.toString());
            return DatabaseUnavailable.response(problems, request, failure);
        }
        if (DatabaseBusy.causedBy(failure)) {
            LOG.warn("{} {}: gave up on a database timeout: {}", request.getMethodName(), request.getPath(),
                    failure.toString());
            return DatabaseBusy.response(problems, request, failure);
        }
        LOG.error("Unexpected error occurred: {}", failure.getMessage(), failure);
        return problems.processResponse(ErrorContext.builder(request).cause(failure).build(),
                HttpResponse.serverError());
    }
}
