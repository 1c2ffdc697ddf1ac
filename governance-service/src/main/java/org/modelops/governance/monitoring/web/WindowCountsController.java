package org.modelops.governance.monitoring.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import org.modelops.governance.monitoring.IngestionGate;
import org.modelops.governance.monitoring.WindowCountBatch;
import org.modelops.governance.monitoring.WindowCountIngestion;
import org.modelops.governance.security.Roles;
import org.modelops.governance.shared.Digests;
import org.modelops.governance.web.JsonRequests;

/** Pre-aggregated window counts from collectors at high volume, counted on the monitoring spec's bins. */
@Controller("/api/v1/models/{name}/versions/{version}")
class WindowCountsController {

    private final WindowCountIngestion ingestion;
    private final JsonRequests requests;
    private final IngestionGate gate;
    private final ErrorResponseProcessor<?> problems;

    WindowCountsController(WindowCountIngestion ingestion, JsonRequests requests, IngestionGate gate,
            ErrorResponseProcessor<?> problems) {
        this.ingestion = ingestion;
        this.requests = requests;
        this.gate = gate;
        this.problems = problems;
    }

    @Serdeable
    record CountedView(String model, int version, String batchId, boolean duplicate, long records,
            List<Instant> windows) {
    }

    @Post(uri = "/monitoring/window-counts", consumes = MediaType.APPLICATION_JSON)
    @Secured({Roles.COLLECTOR, Roles.ML_ENGINEER})
    HttpResponse<?> windowCounts(HttpRequest<?> request, @PathVariable String name, @PathVariable int version,
            @Nullable @Body byte[] body) {
        var batch = requests.read(body, "window-count-batch", WindowCountBatch.class);
        if (!gate.tryEnter()) {
            return IngestionBusy.response(problems, request);
        }
        try {
            var counted = ingestion.ingest(name, version, batch.value(), Digests.sha256Hex(batch.canonicalJson()));
            return HttpResponse.ok(new CountedView(name, version, batch.value().batchId(), counted.duplicate(),
                    counted.records(), counted.windows()));
        } finally {
            gate.leave();
        }
    }
}
