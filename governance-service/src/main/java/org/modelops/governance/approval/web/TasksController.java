package org.modelops.governance.approval.web;

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
import org.modelops.governance.approval.ApprovalDecisions;
import org.modelops.governance.approval.ApprovalTask;
import org.modelops.governance.policy.model.PolicyVerdict;
import org.modelops.governance.registry.ModelRegistry;
import org.modelops.governance.registry.model.ModelVersion;
import org.modelops.governance.security.Actors;
import org.modelops.governance.web.JsonRequests;
import org.modelops.governance.web.ListView;

/** The decision inbox: {@code GET /api/v1/tasks} and {@code POST /api/v1/tasks/{id}/decision}. */
@Controller("/api/v1/tasks")
@Secured(SecurityRule.IS_AUTHENTICATED)
class TasksController {

    private final ApprovalDecisions decisions;
    private final ModelRegistry registry;
    private final JsonRequests requests;

    TasksController(ApprovalDecisions decisions, ModelRegistry registry, JsonRequests requests) {
        this.decisions = decisions;
        this.registry = registry;
        this.requests = requests;
    }

    record DecisionRequest(ApprovalDecisions.Decision decision, String comment) {
    }

    @Serdeable
    record Side(int version, Map<String, Double> metrics, Map<String, Map<String, Double>> sliceMetrics,
            @Nullable String description, @Nullable String intendedUse, String submittedBy) {

        static Side of(ModelVersion version) {
            var evidence = version.evidence();
            return new Side(version.version(), evidence.metrics(), evidence.sliceMetrics(), evidence.description(),
                    evidence.intendedUse(), version.submittedBy());
        }
    }

    @Serdeable
    record PolicyRef(@Nullable String name, @Nullable Integer version, @Nullable String sha256) {
    }

    @Serdeable
    record TaskView(String id, String name, String model, int version, String riskTier, Instant createdAt,
            List<String> candidateRoles, boolean escalated, int approvalsRequired, int approvalsSoFar,
            PolicyRef policy, Side challenger, @Nullable Side champion, @Nullable Map<String, Double> deltas,
            @Nullable PolicyVerdict validation, @Nullable PolicyVerdict challenge) {
    }

    @Get
    ListView<TaskView> inbox(Authentication caller) {
        var views = decisions.waitingFor(Actors.of(caller)).stream().map(this::view).toList();
        return new ListView<>(views, views.size(), 0, views.size());
    }

    @Post(uri = "/{id}/decision", consumes = MediaType.APPLICATION_JSON)
    TaskView decide(@PathVariable String id, @Nullable @Body byte[] body, Authentication caller) {
        var request = requests.read(body, "decision", DecisionRequest.class).value();
        var task = decisions.decide(Actors.of(caller), id, request.decision(), request.comment());
        return view(task);
    }

    private TaskView view(ApprovalTask task) {
        var challenger = registry.version(task.model(), task.version());
        var governance = challenger.governance();
        ModelVersion champion = governance.championVersion() == null
                ? null
                : registry.version(task.model(), governance.championVersion());
        Map<String, Double> deltas = null;
        if (champion != null) {
            var map = new java.util.TreeMap<String, Double>();
            challenger.evidence().metrics().forEach((metric, value) -> {
                var theirs = champion.evidence().metrics().get(metric);
                if (theirs != null) {
                    map.put(metric, value - theirs);
                }
            });
            deltas = map;
        }
        return new TaskView(task.id(), task.name(), task.model(), task.version(), task.riskTier(), task.createdAt(),
                task.candidateRoles(), task.escalated(), task.approvalsRequired(), task.approvalsSoFar(),
                new PolicyRef(governance.policyName(), governance.policyVersion(), governance.policySha256()),
                Side.of(challenger), champion == null ? null : Side.of(champion), deltas, governance.validation(),
                governance.challenge());
    }
}
