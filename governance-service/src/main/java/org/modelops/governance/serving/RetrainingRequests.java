package org.modelops.governance.serving;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.registry.ModelCatalog;
import org.modelops.governance.registry.SubmissionListener;
import org.modelops.governance.registry.model.ModelName;
import org.modelops.governance.registry.model.RegistryRefusals;
import org.modelops.governance.security.Actor;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.Refusal;

/**
 * Retraining requests: raised by a breach (the policy's {@code retrain}) or a review, with the evidence; answered by
 * a later version that names the request in its submission ({@code answersRetrainingRequest}), in the submission's
 * transaction.
 */
@Singleton
public class RetrainingRequests implements SubmissionListener {

    private final ServingStore store;
    private final ModelCatalog catalog;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    RetrainingRequests(ServingStore store, ModelCatalog catalog, AuditLog audit) {
        this.store = store;
        this.catalog = catalog;
        this.audit = audit;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public ServingStore.RetrainingRequest request(Actor actor, String model, int version, String signal,
            Long breach, String reason, Map<String, Object> evidence, String lifecycleId) {
        var request = new ServingStore.RetrainingRequest(UUID.randomUUID(), model, version, signal, breach, reason,
                evidence == null ? Map.of() : evidence, ServingStore.RequestStatus.OPEN, actor.username(),
                clock.instant().truncatedTo(ChronoUnit.MICROS), null, null);
        store.addRetrainingRequest(request);
        var details = new LinkedHashMap<String, Object>();
        details.put("request", request.id().toString());
        details.put("signal", signal);
        details.put("breach", breach);
        details.put("reason", reason);
        details.put("evidence", request.evidence());
        audit.record(actor, AuditActions.MONITORING_RETRAINING_REQUESTED, AuditSubject.modelVersion(model, version),
                details, lifecycleId);
        return request;
    }

    @ReadOnly
    public List<ServingStore.RetrainingRequest> of(String model) {
        if (model == null || !ModelName.RULE.matcher(model).matches()
                || catalog.model(new ModelName(model)).isEmpty()) {
            throw RegistryRefusals.unknownModel(model);
        }
        return store.retrainingRequests(model);
    }

    /** The submitted version answers the request it names: it must be the model's, and still open. */
    @Override
    public void submitted(Actor actor, String model, int version, String answersRetrainingRequest) {
        if (answersRetrainingRequest == null) {
            return;
        }
        UUID id;
        try {
            id = UUID.fromString(answersRetrainingRequest);
        } catch (IllegalArgumentException e) {
            throw unknownRequest(model, answersRetrainingRequest);
        }
        var request = store.retrainingRequestForUpdate(model, id).orElseThrow(() -> unknownRequest(model,
                answersRetrainingRequest));
        if (request.status() == ServingStore.RequestStatus.ANSWERED) {
            throw Refusal.conflict("retraining-request-answered", "Retraining request " + id + " of '" + model
                    + "' was already answered by version " + request.answeredByVersion() + ".");
        }
        store.answer(id, version, clock.instant().truncatedTo(ChronoUnit.MICROS));
        var details = new LinkedHashMap<String, Object>();
        details.put("request", id.toString());
        details.put("requestedFor", request.version());
        details.put("signal", request.signal());
        details.put("answeredBy", version);
        audit.record(actor, AuditActions.MONITORING_RETRAINING_ANSWERED, AuditSubject.modelVersion(model, version),
                details, null);
    }

    private static Refusal unknownRequest(String model, String id) {
        return Refusal.invalid(List.of(new FieldViolation("answersRetrainingRequest", "unknown-retraining-request",
                "'" + id + "' is not a retraining request of model '" + model + "' (GET /api/v1/models/" + model
                        + "/retraining-requests lists them)")));
    }
}
