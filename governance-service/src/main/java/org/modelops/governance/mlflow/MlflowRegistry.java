package org.modelops.governance.mlflow;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.lifecycle.LifecycleEvidence;
import org.modelops.governance.lifecycle.LifecycleStore;
import org.modelops.governance.mlflow.model.EvidenceGaps;
import org.modelops.governance.mlflow.model.RunEvidence;
import org.modelops.governance.mlflow.model.RunLookup;
import org.modelops.governance.mlflow.model.TrackedRun;
import org.modelops.governance.policy.Policies;
import org.modelops.governance.registry.model.VersionEvidence;
import org.modelops.governance.shared.Digests;
import org.modelops.governance.mlflow.model.Aliases;
import org.modelops.governance.mlflow.model.EvidenceTags;
import org.modelops.governance.mlflow.model.MlflowError;
import org.modelops.governance.mlflow.model.MlflowModel;
import org.modelops.governance.mlflow.model.MlflowVersion;
import org.modelops.governance.mlflow.model.PageToken;
import org.modelops.governance.mlflow.model.SearchFilter;
import org.modelops.governance.mlflow.model.SearchOrder;
import org.modelops.governance.mlflow.model.SearchPage;
import org.modelops.governance.mlflow.model.TagRules;
import org.modelops.governance.registry.ModelCatalog;
import org.modelops.governance.registry.ModelRegistry;
import org.modelops.governance.registry.VersionSubmissions;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.registry.model.ModelName;
import org.modelops.governance.registry.model.ModelRegistration;
import org.modelops.governance.registry.model.ModelVersion;
import org.modelops.governance.registry.model.RegisteredModel;
import org.modelops.governance.registry.model.RiskTier;
import org.modelops.governance.security.Actor;
import org.modelops.governance.shared.Refusal;

/**
 * MLflow's registry operations on the governed registry: models are registered and versions submitted through
 * {@link ModelRegistry} and {@link VersionSubmissions} (so a version starts its lifecycle, audited, in their
 * transaction), the lifecycle's aliases are read from the versions' states, and only free aliases are stored here.
 */
@Singleton
public class MlflowRegistry {

    public static final String OWNER_TEAM_TAG = "modelops.owner_team";
    public static final String RISK_TIER_TAG = "modelops.risk_tier";

    private static final Set<LifecycleState> CHALLENGING = Set.of(LifecycleState.CHALLENGING,
            LifecycleState.PENDING_APPROVAL, LifecycleState.APPROVED);

    private final ModelRegistry registry;
    private final VersionSubmissions submissions;
    private final ModelCatalog catalog;
    private final LifecycleStore lifecycle;
    private final MlflowStore store;
    private final AuditLog audit;
    private final Policies policies;
    private final MlflowTracking tracking;
    private final RiskTier defaultRiskTier;
    private final Duration retryWindow;
    private final Clock clock = Clock.systemUTC();

    MlflowRegistry(ModelRegistry registry, VersionSubmissions submissions, ModelCatalog catalog,
            LifecycleStore lifecycle, MlflowStore store, AuditLog audit, Policies policies, MlflowTracking tracking,
            @Value("${governance.mlflow.default-risk-tier:HIGH}") String defaultRiskTier,
            @Value("${governance.mlflow.retry-window:10m}") Duration retryWindow) {
        this.registry = registry;
        this.submissions = submissions;
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.store = store;
        this.audit = audit;
        this.policies = policies;
        this.tracking = tracking;
        this.defaultRiskTier = RiskTier.valueOf(defaultRiskTier.toUpperCase(Locale.ROOT));
        this.retryWindow = retryWindow;
    }

    /**
     * Registers a model for the team named by the tag {@code modelops.owner_team} (or the caller's only team), in the
     * risk tier of the tag {@code modelops.risk_tier} (or the configured default, HIGH unless set: the strictest
     * policy until a governance admin reclassifies it).
     */
    public RegisteredModel createModel(Actor actor, String name, String description, Map<String, String> tags) {
        var modelName = modelName(name);
        var ownerTeam = tags.get(OWNER_TEAM_TAG);
        if (ownerTeam == null || ownerTeam.isBlank()) {
            if (actor.teams().size() != 1) {
                throw MlflowError.invalid("A governed model belongs to a team: add the tag " + OWNER_TEAM_TAG
                        + " naming one of your teams " + actor.teams() + ".");
            }
            ownerTeam = actor.teams().getFirst();
        }
        var riskTier = riskTier(tags.get(RISK_TIER_TAG));
        var modelTags = new LinkedHashMap<>(tags);
        modelTags.remove(OWNER_TEAM_TAG);
        modelTags.remove(RISK_TIER_TAG);
        try {
            return registry.register(actor, new ModelRegistration(modelName, description, ownerTeam, riskTier,
                    modelTags));
        } catch (Refusal refusal) {
            throw translate(refusal, name);
        }
    }

    /** Changes the model's description (its owner team's members), audited by the registry. */
    public void describe(Actor actor, String name, String description) {
        existingName(name);
        try {
            registry.describe(actor, name, description);
        } catch (Refusal refusal) {
            throw translate(refusal, name);
        }
    }

    /** What {@code model-versions/create} sends. */
    public record CreateRequest(String name, String source, String runId, String modelId, String runLink,
            String description, Map<String, String> tags, Map<String, Map<String, Double>> sliceMetrics) {
    }

    /**
     * Creates a version whose evidence comes from its tags and its run ({@code run}, read from the tracking server
     * before this transaction). When the evidence is complete for its policy, it is submitted and starts its
     * lifecycle; otherwise it waits (PENDING_REGISTRATION, the number reserved, no lifecycle) with what is missing
     * and what would supply it. The MLflow client retries a create that got a 5xx, up to seven times over minutes:
     * the same request by the same person within {@code governance.mlflow.retry-window} returns the version it
     * created instead of a second one (and a waiting one is judged again, with the run read again).
     */
    @Transactional
    public MlflowVersion createVersion(Actor actor, CreateRequest request, RunLookup run) {
        var name = request.name();
        existing(name);
        checkSource(request.source(), request.runId());
        for (var key : request.tags().keySet()) {
            if (EvidenceTags.reserved(key)) {
                throw MlflowError.invalid("The tag '" + key + "' is set by the governed lifecycle, not by a client.");
            }
        }
        // validates the tags as sent before anything is stored: a malformed one is the client's 400
        var sent = EvidenceTags.of(request.source(), request.runId(), request.modelId(), request.runLink(),
                request.description(), request.tags(), request.sliceMetrics(), Map.of(), false);
        var model = catalog.modelForUpdate(new ModelName(name)).orElseThrow(() -> MlflowError.noSuchModel(name));
        var since = clock.instant().minus(retryWindow);
        var requestSha256 = Digests.sha256Hex(request.toString());
        var waiting = store.samePending(model.name(), actor.username(), since, requestSha256);
        if (waiting.isPresent()) {
            return judge(actor, model, waiting.get(), run, null);
        }
        var retried = store.sameSubmission(model.name(), actor.username(), since, sent.artifactUri(),
                sent.description(), sent.tags());
        if (retried.isPresent()) {
            return version(name, Integer.toString(retried.get()));
        }
        int number = catalog.reserveNextVersion(model.name()).orElseThrow(() -> MlflowError.noSuchModel(name));
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var pending = new MlflowStore.Pending(model.name(), number, request.source(), blankToNull(request.runId()),
                blankToNull(request.modelId()), blankToNull(request.runLink()), blankToNull(request.description()),
                request.tags(), null, null, "", requestSha256, actor.username(), now, now);
        return judge(actor, model, pending, run, null);
    }

    /**
     * Judges a waiting (or new) version's evidence: submits it when complete, else stores it waiting with what is
     * missing. The caller holds the model's row lock.
     *
     * @param run the run read now; {@link RunLookup#NOTHING} keeps what was read before
     * @param audited the tag change that led here, recorded before the outcome; null for a create
     */
    private MlflowVersion judge(Actor actor, RegisteredModel model, MlflowStore.Pending pending, RunLookup run,
            Map<String, Object> audited) {
        var name = model.name().value();
        var tracked = run.run() != null ? run.run() : pending.run();
        var problem = run.problem();
        var defaults = RunEvidence.defaults(tracked);
        var evidence = EvidenceTags.of(pending.source(), pending.runId(), pending.modelId(), pending.runLink(),
                pending.description(), pending.tags(), sliceMetrics(pending.tags(), tracked), defaults.tags(), false);
        var policy = governingPolicy(model);
        var gaps = new ArrayList<>(EvidenceGaps.of(evidence, LifecycleEvidence.of(evidence).presentMetadata(),
                policy.policy()));
        gaps.addAll(EvidenceTags.incompletePairs(pending.tags(), defaults.tags()));
        var subject = AuditSubject.modelVersion(name, pending.version());
        boolean isNew = pending.missing().isEmpty();
        if (audited != null) {
            audit.record(actor, (String) audited.remove("action"), subject, audited, null);
        }
        if (gaps.isEmpty()) {
            if (!isNew) {
                store.deletePending(model.name(), pending.version());
            }
            var details = new LinkedHashMap<String, Object>();
            if (tracked != null) {
                details.put("run", runDetails(tracked, run.from()));
            }
            if (!isNew) {
                details.put("awaitingSince", pending.createdAt().toString());
                details.put("createdBy", pending.createdBy());
            }
            try {
                var submitted = submissions.submitReserved(actor, name, pending.version(), evidence, details);
                return withAliases(submitted, aliases(model.name()));
            } catch (Refusal refusal) {
                throw translate(refusal, name);
            }
        }
        var runState = run.problem() != null || run.run() != null
                ? run.state()
                : pending.runProblem() != null ? pending.runProblem() : tracked == null ? noRunState(pending) : null;
        var message = EvidenceGaps.message("policy " + policy.name() + " v" + policy.version(), gaps,
                defaults.notes(), runState);
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var updated = new MlflowStore.Pending(pending.model(), pending.version(), pending.source(), pending.runId(),
                pending.modelId(), pending.runLink(), pending.description(), pending.tags(), tracked,
                problem != null ? run.state() : run.run() != null ? null : pending.runProblem(), message,
                pending.requestSha256(), pending.createdBy(), pending.createdAt(), isNew ? pending.createdAt() : now);
        if (isNew) {
            store.addPending(updated);
            var details = new LinkedHashMap<String, Object>();
            details.put("source", pending.source());
            details.put("runId", pending.runId());
            details.put("modelId", pending.modelId());
            details.put("missing", gaps.stream().map(EvidenceGaps.Gap::evidence).toList());
            details.put("run", runState);
            audit.record(actor, AuditActions.MLFLOW_VERSION_AWAITING_EVIDENCE, subject, details, null);
        } else {
            store.updatePending(updated);
        }
        return waitingView(updated, aliases(model.name()));
    }

    private String noRunState(MlflowStore.Pending pending) {
        if (pending.runId() == null && pending.modelId() == null) {
            return null;
        }
        return tracking.configured()
                ? null
                : "no tracking server is configured (governance.mlflow.tracking-url), so only the version's tags"
                        + " count";
    }

    private static Map<String, Object> runDetails(TrackedRun run, String from) {
        var details = new LinkedHashMap<String, Object>();
        details.put("from", from);
        details.put("runId", run.runId());
        details.put("modelId", run.modelId());
        details.put("datasets", run.datasets().stream().map(dataset -> dataset.name() + "@" + dataset.digest())
                .toList());
        return details;
    }

    private static Map<String, Map<String, Double>> sliceMetrics(Map<String, String> tags, TrackedRun run) {
        var sent = tags.get(EvidenceTags.SLICE_METRICS);
        if (sent != null) {
            return SliceMetrics.parse(EvidenceTags.SLICE_METRICS, sent);
        }
        return run == null ? Map.of() : run.sliceMetrics();
    }

    private org.modelops.governance.policy.model.PolicyVersion governingPolicy(RegisteredModel model) {
        try {
            return policies.governing(model.name().value(), model.riskTier().name());
        } catch (Refusal refusal) {
            throw translate(refusal, model.name().value());
        }
    }

    /** The run and logged model a waiting version names, to read again before a tag is set on it. */
    @ReadOnly
    public Optional<MlflowStore.Pending> waiting(String name, String version) {
        if (name == null || !ModelName.RULE.matcher(name).matches() || version == null
                || !version.matches("[1-9][0-9]{0,8}")) {
            return Optional.empty();
        }
        return store.pending(new ModelName(name), Integer.parseInt(version));
    }

    @ReadOnly
    public MlflowModel model(String name) {
        var model = existing(name);
        var aliases = aliases(model.name());
        var latest = model.latestVersion() == 0
                ? List.<MlflowVersion>of()
                : versions(List.of(new MlflowStore.VersionKey(model.name().value(), model.latestVersion())),
                        Map.of(model.name().value(), aliases));
        return new MlflowModel(model, latest.isEmpty() ? null : latest.getFirst(), aliases,
                store.annotations(model.name(), 0), store.modelUpdated(model.name()));
    }

    @ReadOnly
    public MlflowVersion version(String name, String version) {
        var number = versionNumber(version);
        var model = existing(name);
        var found = versions(List.of(new MlflowStore.VersionKey(model.name().value(), number)),
                Map.of(model.name().value(), aliases(model.name())));
        if (found.isEmpty()) {
            throw MlflowError.noSuchVersion(name, version);
        }
        return found.getFirst();
    }

    /**
     * The versions named by the keys, in their order, submitted or waiting, loaded in a few queries whatever their
     * number (versions, waiting versions, tags set later, last updates).
     */
    private List<MlflowVersion> versions(List<MlflowStore.VersionKey> keys,
            Map<String, Map<String, Integer>> aliasesByModel) {
        var submitted = new LinkedHashMap<MlflowStore.VersionKey, ModelVersion>();
        for (var version : catalog.versions(keys.stream().map(key -> new ModelName(key.model())).toList(),
                keys.stream().map(MlflowStore.VersionKey::version).toList())) {
            submitted.put(new MlflowStore.VersionKey(version.model().value(), version.version()), version);
        }
        var missing = keys.stream().filter(key -> !submitted.containsKey(key)).toList();
        var waiting = missing.isEmpty()
                ? Map.<MlflowStore.VersionKey, MlflowStore.Pending>of()
                : store.pending(missing);
        var annotations = store.annotations(keys);
        var updated = store.lastUpdated(keys);
        var found = new ArrayList<MlflowVersion>();
        for (var key : keys) {
            var aliases = aliasesByModel.getOrDefault(key.model(), Map.of());
            var version = submitted.get(key);
            if (version != null) {
                found.add(new MlflowVersion(version, aliasNames(aliases, key.version()),
                        annotations.getOrDefault(key, Map.of()), updated.get(key), null));
            } else if (waiting.containsKey(key)) {
                found.add(waitingView(waiting.get(key), aliases));
            }
        }
        return found;
    }

    /** A waiting version as MLflow sees it: what it was created with, and what is missing. */
    private static MlflowVersion waitingView(MlflowStore.Pending pending, Map<String, Integer> aliases) {
        var tags = new LinkedHashMap<>(pending.tags());
        putIfPresent(tags, EvidenceTags.RUN_ID, pending.runId());
        putIfPresent(tags, EvidenceTags.MODEL_ID, pending.modelId());
        putIfPresent(tags, EvidenceTags.RUN_LINK, pending.runLink());
        var evidence = new VersionEvidence(pending.source(), null, EvidenceTags.DEFAULT_FRAMEWORK,
                pending.description(), null, null, null, null, Map.of(), Map.of(), Map.of(), tags);
        var version = new ModelVersion(pending.model(), pending.version(), LifecycleState.REGISTERED, evidence,
                pending.createdBy(), pending.createdAt(), null, null);
        return new MlflowVersion(version, aliasNames(aliases, pending.version()), Map.of(), pending.updatedAt(),
                pending.missing());
    }

    private static void putIfPresent(Map<String, String> tags, String key, String value) {
        if (value != null && !value.isEmpty()) {
            tags.put(key, value);
        }
    }

    private static List<String> aliasNames(Map<String, Integer> aliases, int version) {
        return aliases.entrySet().stream().filter(entry -> entry.getValue() == version).map(Map.Entry::getKey)
                .toList();
    }

    /**
     * Sets a tag after creation on the model ({@code version} null) or a version: an annotation, audited. Tags the
     * model or version was created with are part of its record and evidence, and {@code modelops.*} keys are the
     * governed record: both are refused.
     */
    @Transactional
    public void setTag(Actor actor, String name, String version, String key, String value) {
        setTag(actor, name, version, key, value, RunLookup.NOTHING);
    }

    /**
     * As {@link #setTag(Actor, String, String, String, String)}; on a version that waits for evidence the tag
     * becomes part of its evidence (a {@code modelops.*} evidence tag included) and the version is judged again,
     * with {@code run} read again before this transaction.
     */
    @Transactional
    public void setTag(Actor actor, String name, String version, String key, String value, RunLookup run) {
        TagRules.check(key, value);
        if (version != null && retagWaiting(actor, name, version, key, value, run)) {
            return;
        }
        var target = annotated(name, version, key);
        store.annotate(target.model(), target.version(), key, value, actor.username(),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        var details = new LinkedHashMap<String, Object>();
        details.put("key", key);
        details.put("value", value);
        audit.record(actor, AuditActions.MLFLOW_TAG_SET, target.subject(), details, null);
    }

    /** Deletes a tag set after creation; deleting one that is not set changes nothing, as in MLflow. */
    @Transactional
    public void deleteTag(Actor actor, String name, String version, String key) {
        TagRules.check(key, null);
        if (version != null && retagWaiting(actor, name, version, key, null, RunLookup.NOTHING)) {
            return;
        }
        var target = annotated(name, version, key);
        if (store.deleteAnnotation(target.model(), target.version(), key)) {
            audit.record(actor, AuditActions.MLFLOW_TAG_DELETED, target.subject(), Map.of("key", key), null);
        }
    }

    private record Annotated(ModelName model, int version, AuditSubject subject) {
    }

    /** Sets ({@code value}) or deletes (null) a tag of a waiting version and judges it again; false: not waiting. */
    private boolean retagWaiting(Actor actor, String name, String version, String key, String value,
            RunLookup run) {
        int number = versionNumber(version);
        var model = catalog.modelForUpdate(modelName(name, true)).orElseThrow(() -> MlflowError.noSuchModel(name));
        var found = store.pending(model.name(), number);
        if (found.isEmpty()) {
            return false;
        }
        if (EvidenceTags.reserved(key)) {
            throw MlflowError.invalid("The tag '" + key + "' is set by the governed lifecycle, not by a client.");
        }
        if (!actor.teams().contains(model.ownerTeam())) {
            throw new MlflowError(MlflowError.Code.PERMISSION_DENIED, "Version " + version + " of " + name
                    + " waits for its evidence; only members of its owner team " + model.ownerTeam()
                    + " supply it.");
        }
        var pending = found.get();
        var tags = new LinkedHashMap<>(pending.tags());
        if (value == null && tags.remove(key) == null) {
            return true;
        }
        if (value != null) {
            tags.put(key, value);
        }
        var details = new LinkedHashMap<String, Object>();
        details.put("action", value == null
                ? AuditActions.MLFLOW_EVIDENCE_TAG_DELETED
                : AuditActions.MLFLOW_EVIDENCE_TAG_SET);
        details.put("key", key);
        if (value != null) {
            details.put("value", value);
        }
        judge(actor, model, new MlflowStore.Pending(pending.model(), pending.version(), pending.source(),
                pending.runId(), pending.modelId(), pending.runLink(), pending.description(), tags, pending.run(),
                pending.runProblem(), pending.missing(), pending.requestSha256(), pending.createdBy(),
                pending.createdAt(), pending.updatedAt()), run, details);
        return true;
    }

    /** Locks the model, checks the version and that the key is the client's to change. */
    private Annotated annotated(String name, String version, String key) {
        Integer number = version == null ? null : versionNumber(version);
        var model = catalog.modelForUpdate(modelName(name, true)).orElseThrow(() -> MlflowError.noSuchModel(name));
        if (key.startsWith("modelops.")) {
            throw new MlflowError(MlflowError.Code.PERMISSION_DENIED, "Tags with the prefix modelops. are the"
                    + " governed record and are not set by a client: a model's owner team and risk tier change by"
                    + " reclassification (PATCH /api/v1/models/" + name + ", governance-admin); a version's evidence"
                    + " and state are fixed by its creation and its lifecycle.");
        }
        if (number == null) {
            if (model.tags().containsKey(key)) {
                throw givenAtCreation(key, "the model was registered with it");
            }
            return new Annotated(model.name(), 0, AuditSubject.model(name));
        }
        var found = catalog.version(model.name(), number).orElseThrow(() -> MlflowError.noSuchVersion(name,
                version));
        if (found.evidence().tags().containsKey(key)) {
            throw givenAtCreation(key, "the version was created with it, as part of its evidence");
        }
        return new Annotated(model.name(), number, AuditSubject.modelVersion(name, number));
    }

    private static MlflowError givenAtCreation(String key, String why) {
        return new MlflowError(MlflowError.Code.PERMISSION_DENIED, "The tag '" + key + "' is not changed afterwards:"
                + " " + why + ", and decisions and the audit trail rest on it. Tags set after creation are"
                + " annotations; choose another key.");
    }

    @ReadOnly
    public MlflowVersion byAlias(String name, String alias) {
        var model = existing(name);
        var aliases = aliases(model.name());
        var number = aliases.get(alias);
        if (number == null) {
            throw MlflowError.invalid("Registered model alias " + alias + " not found.");
        }
        return versions(List.of(new MlflowStore.VersionKey(model.name().value(), number)),
                Map.of(model.name().value(), aliases)).getFirst();
    }

    /** Points a free alias at a version, audited; the lifecycle's aliases are refused (and the attempt audited). */
    @Transactional
    public void setAlias(Actor actor, String name, String alias, String version) {
        Aliases.check(alias);
        int number = versionNumber(version);
        if (Aliases.governed(alias)) {
            throw refuse(actor, name, alias, "set", Map.of("alias", alias, "version", number));
        }
        var model = catalog.modelForUpdate(modelName(name, true)).orElseThrow(() -> MlflowError.noSuchModel(name));
        catalog.version(model.name(), number).orElseThrow(() -> MlflowError.noSuchVersion(name, version));
        var previous = store.setAlias(model.name(), alias, number, actor.username(),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        var details = new LinkedHashMap<String, Object>();
        details.put("alias", alias);
        details.put("previousVersion", previous.orElse(null));
        audit.record(actor, AuditActions.MLFLOW_ALIAS_SET, AuditSubject.modelVersion(name, number), details, null);
    }

    /** Deletes a free alias; deleting one that is not set changes nothing, as in MLflow. */
    @Transactional
    public void deleteAlias(Actor actor, String name, String alias) {
        if (Aliases.governed(alias)) {
            throw refuse(actor, name, alias, "deleted", Map.of("alias", alias));
        }
        var model = catalog.modelForUpdate(modelName(name, true)).orElseThrow(() -> MlflowError.noSuchModel(name));
        var previous = store.alias(model.name(), alias);
        if (previous.isPresent() && store.deleteAlias(model.name(), alias)) {
            audit.record(actor, AuditActions.MLFLOW_ALIAS_DELETED, AuditSubject.modelVersion(name, previous.get()),
                    Map.of("alias", alias), null);
        }
    }

    @ReadOnly
    public SearchPage<MlflowModel> searchModels(String filter, int maxResults, List<String> orderBy,
            String pageToken) {
        var clauses = SearchFilter.parse(filter, SearchFilter.MODELS);
        var order = SearchOrder.parse(orderBy, SearchOrder.MODELS, SearchOrder.MODEL_KEYS);
        int offset = PageToken.offset(pageToken);
        var names = store.searchModels(clauses, order, offset, maxResults + 1);
        var items = new ArrayList<MlflowModel>();
        for (var name : names.subList(0, Math.min(maxResults, names.size()))) {
            items.add(model(name));
        }
        return new SearchPage<>(items, names.size() > maxResults ? PageToken.of(offset + maxResults) : null);
    }

    @ReadOnly
    public SearchPage<MlflowVersion> searchVersions(String filter, int maxResults, List<String> orderBy,
            String pageToken) {
        var clauses = SearchFilter.parse(filter, SearchFilter.VERSIONS);
        var order = SearchOrder.parse(orderBy, SearchOrder.VERSIONS, SearchOrder.VERSION_KEYS);
        int offset = PageToken.offset(pageToken);
        var keys = store.searchVersions(clauses, order, offset, maxResults + 1);
        var page = keys.subList(0, Math.min(maxResults, keys.size()));
        var aliasesByModel = new LinkedHashMap<String, Map<String, Integer>>();
        for (var key : page) {
            aliasesByModel.computeIfAbsent(key.model(), ignored -> aliases(new ModelName(key.model())));
        }
        var items = versions(page, aliasesByModel);
        return new SearchPage<>(items, keys.size() > maxResults ? PageToken.of(offset + maxResults) : null);
    }

    /** Every alias of the model: the lifecycle's (read from the versions' states) and the free ones. */
    private Map<String, Integer> aliases(ModelName model) {
        var aliases = new TreeMap<String, Integer>(store.aliases(model));
        lifecycle.champion(model).ifPresent(version -> aliases.put(Aliases.CHAMPION, version));
        var challenger = lifecycle.versionsIn(model, Set.of(LifecycleState.ROLLING_OUT));
        if (challenger.isEmpty()) {
            challenger = lifecycle.versionsIn(model, CHALLENGING);
        }
        if (!challenger.isEmpty()) {
            aliases.put(Aliases.CHALLENGER, challenger.getLast().version());
        }
        return aliases;
    }

    private MlflowVersion withAliases(ModelVersion version, Map<String, Integer> aliases) {
        return versions(List.of(new MlflowStore.VersionKey(version.model().value(), version.version())),
                Map.of(version.model().value(), aliases)).getFirst();
    }

    private MlflowError refuse(Actor actor, String name, String alias, String verb, Map<String, Object> details) {
        existing(name);
        var refusal = Aliases.refused(name, alias, verb);
        var recorded = new LinkedHashMap<String, Object>(details);
        recorded.put("reason", refusal.getMessage());
        audit.recordAlone(actor, AuditActions.MLFLOW_ALIAS_REFUSED, AuditSubject.model(name), recorded);
        return refusal;
    }

    private RegisteredModel existing(String name) {
        if (name == null || !ModelName.RULE.matcher(name).matches()) {
            throw MlflowError.noSuchModel(name);
        }
        return catalog.model(new ModelName(name)).orElseThrow(() -> MlflowError.noSuchModel(name));
    }

    private static void existingName(String name) {
        modelName(name, true);
    }

    private static ModelName modelName(String name) {
        return modelName(name, false);
    }

    /** A name outside the registry's rule cannot be registered: refused on create, not found otherwise. */
    private static ModelName modelName(String name, boolean existing) {
        if (name == null || !ModelName.RULE.matcher(name).matches()) {
            throw existing
                    ? MlflowError.noSuchModel(name)
                    : MlflowError.invalid("Invalid model name '" + name + "': a governed model's name is 1 to "
                            + ModelName.MAX_LENGTH + " lower-case letters, digits and hyphens, starting and ending"
                            + " with a letter or digit (it is used in URLs, Kubernetes names and metric labels).");
        }
        return new ModelName(name);
    }

    private RiskTier riskTier(String tag) {
        if (tag == null || tag.isBlank()) {
            return defaultRiskTier;
        }
        try {
            return RiskTier.valueOf(tag.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw MlflowError.invalid("Tag " + RISK_TIER_TAG + " must be one of LOW, MEDIUM, HIGH; got '" + tag + "'.");
        }
    }

    static int versionNumber(String version) {
        if (version == null || version.isEmpty()) {
            throw MlflowError.missing("version");
        }
        try {
            int number = Integer.parseInt(version);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // below
        }
        throw MlflowError.invalid("Parameter 'version' must be an integer, got '" + version + "'.");
    }

    /**
     * MLflow accepts any absolute URI (a {@code models:/m-…} or {@code runs:/…} source is kept, not resolved); a
     * local path would name a file on this server, and {@code ..} could point anywhere.
     */
    private static void checkSource(String source, String runId) {
        if (source.contains("..")) {
            throw MlflowError.invalid("Invalid model version source: '" + source + "'. If supplying a source as an"
                    + " http, https, local file path, ftp, objectstore, or mlflow-artifacts uri, an absolute path must"
                    + " be provided without relative path references present. Please provide an absolute path.");
        }
        if (!source.matches("(?s)[A-Za-z][A-Za-z0-9+.\\-]*:.*") || source.regionMatches(true, 0, "file:", 0, 5)) {
            throw MlflowError.invalid("Invalid model version source: '" + source + "'. A governed registry keeps no"
                    + " local files: give the artifact's URI in the store it lives in (s3://, gs://, models:/,"
                    + " runs:/, mlflow-artifacts:/ …)" + (runId == null || runId.isEmpty()
                            ? ""
                            : " for run "
                                    + runId)
                    + ".");
        }
        if (source.length() > 2048) {
            throw MlflowError.invalid("Invalid model version source: longer than 2048 characters.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static RuntimeException translate(Refusal refusal, String name) {
        return switch (refusal.kind()) {
            case CONFLICT -> "model-name-taken".equals(refusal.rule())
                    ? new MlflowError(MlflowError.Code.RESOURCE_ALREADY_EXISTS, "Registered Model (name=" + name
                            + ") already exists.")
                    : new MlflowError(MlflowError.Code.RESOURCE_CONFLICT, refusal.getMessage());
            case NOT_FOUND -> "model-not-found".equals(refusal.rule())
                    ? MlflowError.noSuchModel(name)
                    : new MlflowError(MlflowError.Code.RESOURCE_DOES_NOT_EXIST, refusal.getMessage());
            case FORBIDDEN -> new MlflowError(MlflowError.Code.PERMISSION_DENIED, refusal.getMessage());
            case INVALID, UNPROCESSABLE, TOO_LARGE -> MlflowError.invalid(refusal.getMessage());
            case TOO_MANY -> new MlflowError(MlflowError.Code.REQUEST_LIMIT_EXCEEDED, refusal.getMessage());
        };
    }
}
