package org.modelops.governance.registry;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.registry.model.ModelVersion;
import org.modelops.governance.registry.model.RegistryRefusals;
import org.modelops.governance.registry.model.VersionEvidence;
import org.modelops.governance.security.Actor;
import org.modelops.governance.shared.Digests;

/**
 * Submitting a version: it gets the model's next number, is recorded in the audit trail and starts its lifecycle
 * (whose first step records its own events), all in one transaction. A retry with the same Idempotency-Key returns the version the first attempt created.
 */
@Singleton
public class VersionSubmissions {

    /** The outcome of a submission; {@code replayed} when an earlier request with the same key produced it. */
    public record Submitted(ModelVersion version, boolean replayed) {
    }

    private final ModelCatalog catalog;
    private final IdempotencyRecords idempotency;
    private final LifecycleLauncher lifecycle;
    private final AuditLog audit;
    private final SubmissionListener listener;
    private final Clock clock = Clock.systemUTC();

    VersionSubmissions(ModelCatalog catalog, IdempotencyRecords idempotency, LifecycleLauncher lifecycle,
            AuditLog audit, SubmissionListener listener) {
        this.catalog = catalog;
        this.idempotency = idempotency;
        this.lifecycle = lifecycle;
        this.audit = audit;
        this.listener = listener;
    }

    /**
     * @param idempotencyKey the client's key, or null
     * @param canonicalRequest the request's canonical JSON, to tell a retry from a different request with the same key
     */
    @Transactional
    public Submitted submit(Actor actor, String modelName, VersionEvidence evidence, String idempotencyKey,
            String canonicalRequest) {
        return submit(actor, modelName, evidence, null, idempotencyKey, canonicalRequest);
    }

    /**
     * @param answersRetrainingRequest the retraining request this version answers (it becomes ANSWERED in this
     *            transaction), or null
     */
    @Transactional
    public Submitted submit(Actor actor, String modelName, VersionEvidence evidence, String answersRetrainingRequest,
            String idempotencyKey, String canonicalRequest) {
        var name = ModelRegistry.parse(modelName);
        var scope = "submit-version:" + name.value();
        if (idempotencyKey != null) {
            var requestHash = Digests.sha256Hex(canonicalRequest);
            var earlier = idempotency.claim(actor.subject(), scope, idempotencyKey, requestHash);
            if (earlier.isPresent()) {
                if (!earlier.get().requestSha256().equals(requestHash)) {
                    throw RegistryRefusals.idempotencyKeyReused(idempotencyKey);
                }
                int number = Integer.parseInt(earlier.get().resultRef());
                return new Submitted(catalog.version(name, number).orElseThrow(), true);
            }
        }
        var model = catalog.modelForSubmission(name).orElseThrow(() -> RegistryRefusals.unknownModel(modelName));
        int number = catalog.reserveNextVersion(name).orElseThrow(() -> RegistryRefusals.unknownModel(modelName));
        if (idempotencyKey != null) {
            idempotency.complete(actor.subject(), scope, idempotencyKey, Integer.toString(number));
        }
        var details = submissionDetails(evidence, idempotencyKey, answersRetrainingRequest);
        var started = start(actor, model, number, evidence, details);
        listener.submitted(actor, name.value(), number, answersRetrainingRequest);
        return new Submitted(started, false);
    }

    /**
     * Submits a version under a number reserved earlier ({@link ModelCatalog#reserveNextVersion}), e.g. for an MLflow
     * registration that waited for its evidence; the caller holds the model's row lock.
     *
     * @param details added to the submission's audit details (e.g. since when it waited)
     */
    @Transactional
    public ModelVersion submitReserved(Actor actor, String modelName, int number, VersionEvidence evidence,
            Map<String, Object> details) {
        var name = ModelRegistry.parse(modelName);
        var model = catalog.model(name).orElseThrow(() -> RegistryRefusals.unknownModel(modelName));
        var recorded = submissionDetails(evidence, null, null);
        recorded.putAll(details);
        return start(actor, model, number, evidence, recorded);
    }

    private ModelVersion start(Actor actor, org.modelops.governance.registry.model.RegisteredModel model, int number,
            VersionEvidence evidence, Map<String, Object> details) {
        var name = model.name();
        var version = new ModelVersion(name, number, LifecycleState.REGISTERED, evidence, actor.username(),
                clock.instant().truncatedTo(ChronoUnit.MICROS), null, null);
        catalog.add(version);
        audit.record(actor, AuditActions.VERSION_SUBMITTED, AuditSubject.modelVersion(name.value(), number),
                details, null);
        lifecycle.launch(model, version);
        return catalog.version(name, number).orElseThrow();
    }

    private static LinkedHashMap<String, Object> submissionDetails(VersionEvidence evidence, String idempotencyKey,
            String answersRetrainingRequest) {
        var details = new LinkedHashMap<String, Object>();
        details.put("artifactUri", evidence.artifactUri());
        details.put("artifactSha256", evidence.artifactSha256().hex());
        details.put("framework", evidence.framework());
        if (evidence.trainingData() != null) {
            details.put("trainingDataSha256", evidence.trainingData().sha256().hex());
        }
        if (evidence.evaluationData() != null) {
            details.put("evaluationDataSha256", evidence.evaluationData().sha256().hex());
        }
        if (evidence.code() != null) {
            details.put("codeCommit", evidence.code().commit());
        }
        details.put("metrics", evidence.metrics());
        details.put("sliceMetrics", evidence.sliceMetrics());
        if (idempotencyKey != null) {
            details.put("idempotencyKey", idempotencyKey);
        }
        if (answersRetrainingRequest != null) {
            details.put("answersRetrainingRequest", answersRetrainingRequest);
        }
        return details;
    }
}
