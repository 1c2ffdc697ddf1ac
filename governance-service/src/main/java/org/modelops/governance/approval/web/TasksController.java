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
import org.modelops.governance.approval.InboxTasks;
import org.modelops.governance.policy.model.PolicyVerdict;
import org.modelops.governance.registry.ModelRegistry;
import org.modelops.governance.registry.model.ModelVersion;
import org.modelops.governance.registry.model.RiskTier;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.PageRequest;
import org.modelops.governance.shared.Refusal;
import org.modelops.governance.security.Actors;
import org.modelops.governance.web.JsonRequests;
import org.modelops.governance.web.QueryParameters;

/** The decision inbox: {@code GET /api/v1/tasks} and {@code POST /api/v1/tasks/{id}/decision}. */
@Controller("/api/v1/tasks")
@Secured(SecurityRule.IS_AUTHENTICATED)
class TasksController {

    /** The kind of an approval task; the serving phase's tasks have their own ({@link InboxTasks}). */
    static final String APPROVAL_KIND = "approval";

    private final ApprovalDecisions decisions;
    private final List<InboxTasks> others;
    private final ModelRegistry registry;
    private final JsonRequests requests;

    TasksController(ApprovalDecisions decisions, List<InboxTasks> others, ModelRegistry registry,
            JsonRequests requests) {
        this.decisions = decisions;
        this.others = others;
        this.registry = registry;
        this.requests = requests;
    }

    /** {@code decision}: APPROVE or REJECT on an approval; the outcomes a serving-phase task lists on others. */
    record DecisionRequest(String decision, String comment, @Nullable String evidenceSha256) {
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

    /**
     * {@code kind}: {@code approval}, or a serving-phase task's ({@code monitoring-review}, {@code recertification})
     * with {@code review} saying why it is open, the breach and its evidence, and the outcomes it takes.
     */
    @Serdeable
    record TaskView(String id, String kind, String name, String model, int version, String riskTier, Instant createdAt,
            List<String> candidateRoles, boolean escalated, int approvalsRequired, int approvalsSoFar,
            PolicyRef policy, Side challenger, @Nullable Side champion, @Nullable Map<String, Double> deltas,
            @Nullable ComparisonView comparison, @Nullable PolicyVerdict validation,
            @Nullable PolicyVerdict challenge, @Nullable String evidenceSha256, @Nullable String reopenedBecause,
            @Nullable Map<String, Object> review) {
    }

    /**
     * A page of the inbox: {@code total} counts every decision under the filters, {@code highRisk} and
     * {@code escalated} those of them that are high risk or escalated (so that a client shows the inbox's summary
     * and first page with one request).
     */
    @Serdeable
    record InboxView(List<TaskView> items, long total, int page, int size, long highRisk, long escalated) {
    }

    /**
     * The caller's open decisions, oldest first, paged and counted on the server; optionally one model's, one risk
     * tier's, or only the escalated ones (or only the others).
     */
    @Get
    InboxView inbox(@Nullable @QueryValue String model, @Nullable @QueryValue String riskTier,
            @Nullable @QueryValue String escalated, @Nullable @QueryValue Integer page,
            @Nullable @QueryValue Integer size, Authentication caller) {
        var tier = QueryParameters.enumValue("riskTier", riskTier, RiskTier.class);
        var paging = PageRequest.of(page, size);
        var actor = Actors.of(caller);
        var modelFilter = model == null || model.isBlank() ? null : model.trim();
        var tierFilter = tier == null ? null : tier.name();
        var escalatedFilter = bool("escalated", escalated);
        // The serving phase's tasks (reviews of versions that serve now) come first: they are few, filtered here.
        var serving = new java.util.ArrayList<TaskView>();
        for (var other : others) {
            other.waitingFor(actor).stream()
                    .filter(task -> modelFilter == null || modelFilter.equals(task.model()))
                    .filter(task -> escalatedFilter == null || escalatedFilter == task.escalated())
                    .map(this::view)
                    .filter(view -> tierFilter == null || tierFilter.equals(view.riskTier()))
                    .forEach(serving::add);
        }
        serving.sort(java.util.Comparator.comparing(TaskView::createdAt).thenComparing(TaskView::id));
        long offset = paging.offset();
        int wanted = paging.size();
        var items = new java.util.ArrayList<TaskView>();
        for (long i = offset; i < serving.size() && items.size() < wanted; i++) {
            items.add(serving.get((int) i));
        }
        // Then the approvals, paged and counted in the database, from where the serving tasks end.
        long approvalsOffset = Math.max(0, offset - serving.size());
        int first = (int) (approvalsOffset / wanted);
        int skip = (int) (approvalsOffset % wanted);
        var inbox = decisions.waitingFor(actor, null, modelFilter, tierFilter, escalatedFilter,
                new PageRequest(first, wanted));
        var approvals = inbox.tasks();
        var candidates = new java.util.ArrayList<>(approvals.items());
        int need = wanted - items.size();
        if (need > 0 && skip + need > candidates.size() && (long) (first + 1) * wanted < approvals.total()) {
            candidates.addAll(decisions.waitingFor(actor, null, modelFilter, tierFilter, escalatedFilter,
                    new PageRequest(first + 1, wanted)).tasks().items());
        }
        if (need > 0) {
            items.addAll(views(candidates.stream().skip(skip).limit(need).toList()));
        }
        long servingHigh = serving.stream().filter(view -> RiskTier.HIGH.name().equals(view.riskTier())).count();
        long servingEscalated = serving.stream().filter(TaskView::escalated).count();
        return new InboxView(items, serving.size() + approvals.total(), paging.page(), wanted,
                servingHigh + inbox.highRisk(), servingEscalated + inbox.escalated());
    }

    /** One open decision, when it waits for the caller (the same rules as the inbox); 404 otherwise. */
    @Get("/{id}")
    TaskView task(@PathVariable String id, Authentication caller) {
        var actor = Actors.of(caller);
        for (var other : others) {
            var found = other.waitingFor(actor).stream().filter(task -> task.id().equals(id)).findFirst();
            if (found.isPresent()) {
                return view(found.get());
            }
        }
        return decisions.waitingFor(actor, id, null, null, null, PageRequest.of(0, 1)).tasks().items().stream()
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
        var actor = Actors.of(caller);
        for (var other : others) {
            var decided = other.decide(actor, id, request.decision(), request.comment());
            if (decided.isPresent()) {
                return view(decided.get());
            }
        }
        ApprovalDecisions.Decision decision;
        try {
            decision = ApprovalDecisions.Decision.valueOf(request.decision());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(List.of(new FieldViolation("decision", "outcome",
                    "an approval task is decided with APPROVE or REJECT")));
        }
        var task = decisions.decide(actor, id, decision, request.comment(), request.evidenceSha256());
        return view(task);
    }

    private TaskView view(ApprovalTask task) {
        var challenger = registry.version(task.model(), task.version());
        var governance = challenger.governance();
        ModelVersion champion = governance.championVersion() == null
                ? null
                : registry.version(task.model(), governance.championVersion());
        return view(task, challenger, champion);
    }

    /** A page of approvals with their challengers and champions read in two queries (not two per task). */
    private List<TaskView> views(List<ApprovalTask> tasks) {
        var challengers = byKey(registry.versions(tasks.stream().map(ApprovalTask::model).toList(),
                tasks.stream().map(ApprovalTask::version).toList()));
        var championModels = new java.util.ArrayList<String>();
        var championNumbers = new java.util.ArrayList<Integer>();
        challengers.values().stream().filter(v -> v.governance().championVersion() != null).forEach(v -> {
            championModels.add(v.model().value());
            championNumbers.add(v.governance().championVersion());
        });
        var champions = byKey(registry.versions(championModels, championNumbers));
        return tasks.stream().map(task -> {
            var challenger = challengers.get(key(task.model(), task.version()));
            if (challenger == null) {
                return view(task); // as before: the registry says why it is missing
            }
            var championVersion = challenger.governance().championVersion();
            var champion = championVersion == null ? null : champions.get(key(task.model(), championVersion));
            if (championVersion != null && champion == null) {
                return view(task);
            }
            return view(task, challenger, champion);
        }).toList();
    }

    private static Map<String, ModelVersion> byKey(List<ModelVersion> versions) {
        var byKey = new java.util.HashMap<String, ModelVersion>();
        versions.forEach(v -> byKey.put(key(v.model().value(), v.version()), v));
        return byKey;
    }

    private static String key(String model, int version) {
        return model + "/" + version;
    }

    private TaskView view(ApprovalTask task, ModelVersion challenger, ModelVersion champion) {
        var governance = challenger.governance();
        var comparison = ComparisonView.of(governance.comparison());
        var dataset = comparison == null ? null : comparison.datasetSha256();
        return new TaskView(task.id(), APPROVAL_KIND, task.name(), task.model(), task.version(), task.riskTier(),
                task.createdAt(),
                task.candidateRoles(), task.escalated(), task.approvalsRequired(), task.approvalsSoFar(),
                new PolicyRef(governance.policyName(), governance.policyVersion(), governance.policySha256()),
                Side.of(challenger, comparison == null ? null : comparison.challenger(), dataset),
                champion == null
                        ? null
                        : Side.of(champion, comparison == null ? null : comparison.champion(),
                                dataset),
                comparison == null ? null : comparison.deltas(), comparison, governance.validation(),
                governance.challenge(), governance.evidenceSha256(), task.reopenedBecause(), null);
    }

    /** A serving-phase task: the version that serves, its pinned policy and verdicts, and what the task is about. */
    private TaskView view(InboxTasks.InboxTask task) {
        var version = registry.version(task.model(), task.version());
        var governance = version.governance();
        var model = registry.model(task.model());
        return new TaskView(task.id(), task.kind(), task.name(), task.model(), task.version(),
                model.riskTier().name(), task.createdAt(), task.candidateRoles(), task.escalated(), 0, 0,
                new PolicyRef(governance.policyName(), governance.policyVersion(), governance.policySha256()),
                Side.of(version, null, null), null, null, null, governance.validation(), governance.challenge(),
                governance.evidenceSha256(), null, task.details());
    }
}
