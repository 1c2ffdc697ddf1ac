package org.modelops.governance.monitoring.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import org.modelops.governance.monitoring.IngestionGate;
import org.modelops.governance.shared.Refusal;

/** The answer to a batch this replica has no room for now: 429 problem+json with Retry-After; nothing was counted. */
final class IngestionBusy {

    private IngestionBusy() {
    }

    static MutableHttpResponse<?> response(ErrorResponseProcessor<?> problems, HttpRequest<?> request) {
        var refusal = new Refusal(Refusal.Kind.TOO_MANY, "ingestion-busy", "This replica is counting as many"
                + " batches as it may at once; nothing of this batch was counted. Retry after "
                + IngestionGate.RETRY_AFTER_SECONDS + " s; a retried batch is counted once.");
        return problems.processResponse(ErrorContext.builder(request).cause(refusal).build(),
                HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)).header(HttpHeaders.RETRY_AFTER,
                        Integer.toString(IngestionGate.RETRY_AFTER_SECONDS));
    }
}
