package org.modelops.governance.serving.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;
import org.modelops.governance.serving.RetrainingRequests;
import org.modelops.governance.serving.ServingStore;
import org.modelops.governance.web.ListView;

/** {@code GET /api/v1/models/{name}/retraining-requests}: what breaches and reviews asked to retrain, newest first. */
@Controller("/api/v1/models/{name}/retraining-requests")
@Secured(SecurityRule.IS_AUTHENTICATED)
class RetrainingRequestsController {

    private final RetrainingRequests requests;

    RetrainingRequestsController(RetrainingRequests requests) {
        this.requests = requests;
    }

    @Serdeable
    record RequestView(String id, String model, int version, @Nullable String signal, @Nullable Long breach,
            String reason, Map<String, Object> evidence, String status, String requestedBy, Instant requestedAt,
            @Nullable Integer answeredByVersion, @Nullable Instant answeredAt) {

        static RequestView of(ServingStore.RetrainingRequest request) {
            return new RequestView(request.id().toString(), request.model(), request.version(), request.signal(),
                    request.breach(), request.reason(), request.evidence(), request.status().name(),
                    request.requestedBy(), request.requestedAt(), request.answeredByVersion(), request.answeredAt());
        }
    }

    @Get
    ListView<RequestView> list(@PathVariable String name) {
        var views = requests.of(name).stream().map(RequestView::of).toList();
        return new ListView<>(views, views.size(), 0, views.size());
    }
}
