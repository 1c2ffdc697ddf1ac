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
import java.util.Set;
import java.util.TreeMap;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.lifecycle.LifecycleStore;
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
    private final RiskTier defaultRiskTier;
    private final Duration retryWindow;
    private final Clock clock = Clock.systemUTC();

    MlflowRegistry(ModelRegistry registry, VersionSubmissions submissions, ModelCatalog catalog,
            LifecycleStore lifecycle, MlflowStore store, AuditLog audit,
            @Value("${governance.mlflow.default-risk-tier:HIGH}") String defaultRiskTier,
            @Value("${governance.mlflow.retry-window:10m}") Duration retryWindow) {
        this.registry = registry;
        this.submissions = submissions;
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.store = store;
        this.audit = audit;
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

    /**
     * Submits a version whose evidence comes from its source and tags ({@link EvidenceTags}). The MLflow client
     * retries a create that got a 5xx, up to seven times over minutes: the same request by the same person within
     * {@code governance.mlflow.retry-window} returns the version it created instead of a second one.
     */
    @Transactional
    public ModelVersion createVersion(Actor actor, String name, String source, String runId, String modelId,
            String runLink, String description, Map<String, String> tags,
            Map<String, Map<String, Double>> sliceMetrics) {
        existing(name);
        checkSource(source, runId);
        for (var key : tags.keySet()) {
            if (EvidenceTags.reserved(key)) {
                throw MlflowError.invalid("The tag '" + key + "' is set by the governed lifecycle, not by a client.");
            }
        }
        var evidence = EvidenceTags.of(source, runId, modelId, runLink, description, tags, sliceMetrics);
        var model = catalog.modelForUpdate(new ModelName(name)).orElseThrow(() -> MlflowError.noSuchModel(name));
        var retried = store.sameSubmission(model.name(), actor.username(), clock.instant().minus(retryWindow),
                evidence.artifactUri(), evidence.description(), evidence.tags());
        if (retried.isPresent()) {
            return catalog.version(model.name(), retried.get()).orElseThrow();
        }
        try {
            return submissions.submit(actor, name, evidence, null, null).version();
        } catch (Refusal refusal) {
            throw translate(refusal, name);
        }
    }

    @ReadOnly
    public MlflowModel model(String name) {
        var model = existing(name);
        var latest = model.latestVersion() == 0
                ? null
                : catalog.version(model.name(), model.latestVersion())
                        .orElse(null);
        return new MlflowModel(model, latest, aliases(model.name()), store.annotations(model.name(), 0));
    }

    @ReadOnly
    public MlflowVersion version(String name, String version) {
        var number = versionNumber(version);
        var model = existing(name);
        var found = catalog.version(model.name(), number).orElseThrow(() -> MlflowError.noSuchVersion(name,
                version));
        return withAliases(found, aliases(model.name()));
    }

    /**
     * Sets a tag after creation on the model ({@code version} null) or a version: an annotation, audited. Tags the
     * model or version was created with are part of its record and evidence, and {@code modelops.*} keys are the
     * governed record: both are refused.
     */
    @Transactional
    public void setTag(Actor actor, String name, String version, String key, String value) {
        TagRules.check(key, value);
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
        var target = annotated(name, version, key);
        if (store.deleteAnnotation(target.model(), target.version(), key)) {
            audit.record(actor, AuditActions.MLFLOW_TAG_DELETED, target.subject(), Map.of("key", key), null);
        }
    }

    private record Annotated(ModelName model, int version, AuditSubject subject) {
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
        return withAliases(catalog.version(model.name(), number).orElseThrow(), aliases);
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
        var items = new ArrayList<MlflowVersion>();
        var aliasesByModel = new LinkedHashMap<String, Map<String, Integer>>();
        for (var key : keys.subList(0, Math.min(maxResults, keys.size()))) {
            var name = new ModelName(key.model());
            var aliases = aliasesByModel.computeIfAbsent(key.model(), ignored -> aliases(name));
            items.add(withAliases(catalog.version(name, key.version()).orElseThrow(), aliases));
        }
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
        var names = aliases.entrySet().stream().filter(entry -> entry.getValue() == version.version())
                .map(Map.Entry::getKey).toList();
        return new MlflowVersion(version, names, store.annotations(version.model(), version.version()));
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
