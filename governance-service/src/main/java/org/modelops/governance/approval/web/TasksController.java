package org.modelops.governance.approval.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
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
import org.modelops.governance.registry.model.RiskTier;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.PageRequest;
import org.modelops.governance.shared.Refusal;
import org.modelops.governance.security.Actors;
import org.modelops.governance.web.JsonRequests;
import org.modelops.governance.web.ListView;
import org.modelops.governance.web.QueryParameters;

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

    record DecisionRequest(ApprovalDecisions.Decision decision, String comment, @Nullable String evidenceSha256) {
    }

    /**
     * One side of the decision. {@code metrics} are those on the dataset compared ({@code metricsDataset}) when there
     * is a comparison, else the submission's; {@code submittedMetrics} are always the submission's.
     */
    @Serdeable
    record Side(int version, Map<String, Double> metrics, @Nullable String metricsDataset,
            Map<String, Double> submittedMetrics, Map<String, Map<String, Double>> sliceMetrics,
            @Nullable String description, @Nullable String intendedUse, String submittedBy) {

        static Side of(ModelVersion version, Map<String, Double> compared, String dataset) {
            var evidence = version.evidence();
            return new Side(version.version(), compared == null ? evidence.metrics() : compared, dataset,
                    evidence.metrics(), evidence.sliceMetrics(), evidence.description(), evidence.intendedUse(),
                    version.submittedBy());
        }
    }

    /** The champion-challenger numbers: one dataset, both sides' newest metrics on it, deltas rounded to 4 places. */
    @Serdeable
    record ComparisonView(String datasetSha256, Map<String, Double> challenger, Map<String, Double> champion,
            Map<String, Double> deltas) {

        /** From the stored comparison document (the lifecycle writes it; see lifecycle.model.Comparison). */
        static ComparisonView of(@Nullable Map<String, Object> stored) {
            return stored == null
                    ? null
                    : new ComparisonView((String) stored.get("datasetSha256"),
                            numbers(stored.get("challenger")), numbers(stored.get("champion")),
                            numbers(stored.get("deltas")));
        }

        private static Map<String, Double> numbers(Object value) {
            var numbers = new java.util.TreeMap<String, Double>();
            if (value instanceof Map<?, ?> map) {
                map.forEach((key, number) -> numbers.put(String.valueOf(key), ((Number) number).doubleValue()));
            }
            return numbers;
        }
    }

    @Serdeable
    record PolicyRef(@Nullable String name, @Nullable Integer version, @Nullable String sha256) {
    }

    @Serdeable
    record TaskView(String id, String name, String model, int version, String riskTier, Instant createdAt,
            List<String> candidateRoles, boolean escalated, int approvalsRequired, int approvalsSoFar,
            PolicyRef policy, Side challenger, @Nullable Side champion, @Nullable Map<String, Double> deltas,
            @Nullable ComparisonView comparison, @Nullable PolicyVerdict validation,
            @Nullable PolicyVerdict challenge, @Nullable String evidenceSha256, @Nullable String reopenedBecause) {
    }

    /**
     * The caller's open decisions, oldest first, paged and counted on the server; optionally one model's, one risk
     * tier's, or only the escalated ones (or only the others).
     */
    @Get
    ListView<TaskView> inbox(@Nullable @QueryValue String model, @Nullable @QueryValue String riskTier,
            @Nullable @QueryValue String escalated, @Nullable @QueryValue Integer page,
            @Nullable @QueryValue Integer size, Authentication caller) {
        var tier = QueryParameters.enumValue("riskTier", riskTier, RiskTier.class);
        var paging = PageRequest.of(page, size);
        var found = decisions.waitingFor(Actors.of(caller), null,
                model == null || model.isBlank() ? null : model.trim(),
                tier == null ? null : tier.name(), bool("escalated", escalated), paging);
        return ListView.of(found, this::view);
    }

    /** One open decision, when it waits for the caller (the same rules as the inbox); 404 otherwise. */
    @Get("/{id}")
    TaskView task(@PathVariable String id, Authentication caller) {
        return decisions.waitingFor(Actors.of(caller), id, null, null, null, PageRequest.of(0, 1)).items().stream()
                .findFirst().map(this::view)
                .orElseThrow(() -> Refusal.notFound("task-not-found", "No decision with id " + id
                        + " waits for you: it was decided or withdrawn, or it is offered to other roles."));
    }

    private static Boolean bool(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim()) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw Refusal.invalid(List.of(new FieldViolation(parameter, "enum", "must be true or false, was '"
                        + value + "'")));
        };
    }

    @Post(uri = "/{id}/decision", consumes = MediaType.APPLICATION_JSON)
    TaskView decide(@PathVariable String id, @Nullable @Body byte[] body, Authentication caller) {
        var request = requests.read(body, "decision", DecisionRequest.class).value();
        var task = decisions.decide(Actors.of(caller), id, request.decision(), request.comment(),
                request.evidenceSha256());
        return view(task);
    }

    private TaskView view(ApprovalTask task) {
        var challenger = registry.version(task.model(), task.version());
        var governance = challenger.governance();
        ModelVersion champion = governance.championVersion() == null
                ? null
                : registry.version(task.model(), governance.championVersion());
        var comparison = ComparisonView.of(governance.comparison());
        var dataset = comparison == null ? null : comparison.datasetSha256();
        return new TaskView(task.id(), task.name(), task.model(), task.version(), task.riskTier(), task.createdAt(),
                task.candidateRoles(), task.escalated(), task.approvalsRequired(), task.approvalsSoFar(),
                new PolicyRef(governance.policyName(), governance.policyVersion(), governance.policySha256()),
                Side.of(challenger, comparison == null ? null : comparison.challenger(), dataset),
                champion == null
                        ? null
                        : Side.of(champion, comparison == null ? null : comparison.champion(),
                                dataset),
                comparison == null ? null : comparison.deltas(), comparison, governance.validation(),
                governance.challenge(), governance.evidenceSha256(), task.reopenedBecause());
    }
}
