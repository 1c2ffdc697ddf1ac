package org.modelops.governance.lifecycle.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.lifecycle.ModelOperations;
import org.modelops.governance.registry.ModelRegistry;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.registry.model.Sha256;
import org.modelops.governance.security.Actors;
import org.modelops.governance.security.Roles;
import org.modelops.governance.web.JsonRequests;

/** Deployment, timeline, evaluation reports, rollback and retirement of a model's versions. */
@Controller("/api/v1/models/{name}")
@Secured(SecurityRule.IS_AUTHENTICATED)
class LifecycleController {

    private final ModelOperations operations;
    private final ModelRegistry registry;
    private final AuditLog audit;
    private final JsonRequests requests;

    LifecycleController(ModelOperations operations, ModelRegistry registry, AuditLog audit, JsonRequests requests) {
        this.operations = operations;
        this.registry = registry;
        this.audit = audit;
        this.requests = requests;
    }

    record Reason(String reason) {
    }

    record Rollback(String reason, Integer expectedVersion) {
    }

    /**
     * What a rollback did. {@code version}, {@code state} and {@code stateReason} are those of the version rolled back
     * (the canary of a stopped rollout, or the former champion); {@code servingVersion} is what serves now (null:
     * nothing does).
     */
    @Serdeable
    record RollbackView(String model, int version, LifecycleState state, @Nullable String stateReason,
            boolean rolloutStopped, @Nullable Integer servingVersion) {
    }

    record Evaluation(Data evaluationData, Map<String, Double> metrics, Map<String, Map<String, Double>> sliceMetrics) {
        record Data(String uri, String sha256) {
        }
    }

    @Serdeable
    record ShareView(int version, int percent, LifecycleState state) {
    }

    @Serdeable
    record DeploymentView(String model, List<ShareView> serving) {
    }

    @Serdeable
    record StepView(long sequence, Instant at, String action, String actor, List<String> actorRoles,
            Map<String, Object> details) {
    }

    @Serdeable
    record StateView(String model, int version, LifecycleState state, @Nullable String stateReason) {
    }

    @Get("/deployment")
    DeploymentView deployment(@PathVariable String name) {
        var serving = operations.deployment(name).stream().map(share -> new ShareView(share.version(),
                share.percent(), registry.version(name, share.version()).state())).toList();
        return new DeploymentView(name, serving);
    }

    @Get("/versions/{version}/timeline")
    List<StepView> timeline(@PathVariable String name, @PathVariable int version) {
        registry.version(name, version);
        return audit.timeline(name, version).stream().map(event -> new StepView(event.sequence(),
                event.occurredAt(), event.action(), event.actor().username(), event.actor().roles(),
                event.details())).toList();
    }

    @Post(uri = "/versions/{version}/evaluations", consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.ML_ENGINEER)
    StateView evaluate(@PathVariable String name, @PathVariable int version, @Nullable @Body byte[] body,
            Authentication caller) {
        var report = requests.read(body, "evaluation", Evaluation.class).value();
        var updated = operations.evaluate(Actors.of(caller), name, version, report.evaluationData().uri(),
                new Sha256(report.evaluationData().sha256()), report.metrics(),
                report.sliceMetrics() == null ? Map.of() : report.sliceMetrics());
        return new StateView(name, version, updated.state(), updated.governance().stateReason());
    }

    @Post(uri = "/rollback", consumes = MediaType.APPLICATION_JSON)
    @Secured({Roles.DOMAIN_EXPERT, Roles.GOVERNANCE_ADMIN})
    RollbackView rollback(@PathVariable String name, @Nullable @Body byte[] body, Authentication caller) {
        var request = requests.read(body, "rollback", Rollback.class).value();
        var done = operations.rollback(Actors.of(caller), name, request.reason(), request.expectedVersion());
        var rolledBack = done.rolledBack();
        return new RollbackView(name, rolledBack.version(), rolledBack.state(),
                rolledBack.governance().stateReason(), done.rolloutStopped(),
                done.serving() == null ? null : done.serving().version());
    }

    @Post(uri = "/versions/{version}/retire", consumes = MediaType.APPLICATION_JSON)
    @Secured({Roles.DOMAIN_EXPERT, Roles.GOVERNANCE_ADMIN})
    StateView retire(@PathVariable String name, @PathVariable int version, @Nullable @Body byte[] body,
            Authentication caller) {
        var reason = requests.read(body, "reason", Reason.class).value().reason();
        var retired = operations.retire(Actors.of(caller), name, version, reason);
        return new StateView(name, version, retired.state(), retired.governance().stateReason());
    }
}
