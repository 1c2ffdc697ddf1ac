package org.modelops.governance.serving;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What the serving phase keeps: breaches acted on and retraining requests. Every method joins the caller's transaction. */
public interface ServingStore {

    /** A breach as its SignalVerdictChanged event reported it. */
    record Breach(long id, String model, int version, String signal, String previous, Map<String, Object> evidence,
            Instant receivedAt) {
    }

    enum RequestStatus {
        OPEN, ANSWERED
    }

    record RetrainingRequest(UUID id, String model, int version, String signal, Long breach, String reason,
            Map<String, Object> evidence, RequestStatus status, String requestedBy, Instant requestedAt,
            Integer answeredByVersion, Instant answeredAt) {
    }

    long addBreach(String model, int version, String signal, String previous, Map<String, Object> evidence,
            Instant at);

    Optional<Breach> breach(long id);

    /**
     * Per signal, the version's last judged verdict (PASS, WARN or BREACH) in the audit trail's
     * {@code monitoring.verdict-changed} events; INSUFFICIENT_DATA and PENDING_LABELS say nothing about health and are
     * passed over.
     */
    Map<String, String> lastJudgedVerdicts(String model, int version);

    /** When the model was last rolled back automatically ({@code model.rolled-back} by the system), if ever. */
    Optional<Instant> lastAutomaticRollback(String model);

    void addRetrainingRequest(RetrainingRequest request);

    /** The model's requests, newest first. */
    List<RetrainingRequest> retrainingRequests(String model);

    /** The request, its row locked until the transaction ends. */
    Optional<RetrainingRequest> retrainingRequestForUpdate(String model, UUID id);

    void answer(UUID id, int version, Instant at);
}
