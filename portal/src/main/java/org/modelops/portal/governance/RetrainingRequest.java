package org.modelops.portal.governance;

import java.time.Instant;

/**
 * A request to retrain a model, raised on a breach ({@code GET /api/v1/models/{name}/retraining-requests}):
 * {@code status} OPEN or ANSWERED, the evidence it was raised on (as the service sends it), who answered.
 */
public record RetrainingRequest(String id, int version, String signal, String status, Instant requestedAt,
        Object evidence, String answeredBy) {

    public boolean open() {
        return "OPEN".equals(status);
    }
}
