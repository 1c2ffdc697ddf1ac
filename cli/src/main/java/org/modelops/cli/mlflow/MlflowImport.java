package org.modelops.cli.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.modelops.cli.http.HttpError;
import org.modelops.cli.http.Json;
import org.modelops.cli.mlflow.ImportPlan.Action;
import org.modelops.cli.mlflow.ImportPlan.Step;

/**
 * Brings an MLflow registry's registered models and versions into the governed registry through its
 * MLflow-compatible API. Each version is submitted as a new governed version (its lifecycle decides what serves);
 * what the source knew is kept as tags prefixed {@code import.mlflow.}: the original creation and update times, the
 * creator, the stage, the source version and run id. Free aliases are set again; {@code champion} and
 * {@code challenger} become a note on the model (an annotation), never a promotion. Idempotent: a version whose
 * {@code import.mlflow.version} tag is already on the target model, a note or alias already there, are left alone.
 */
final class MlflowImport {

    static final String PREFIX = "import.mlflow.";
    static final String SOURCE_VERSION = PREFIX + "version";
    static final String ARTIFACT_SHA256 = "modelops.artifact_sha256";
    static final Set<String> GOVERNED_ALIASES = Set.of("champion", "challenger");
    /** Tags the governed lifecycle sets on a version: a client may not send them (docs/mlflow.md). */
    static final List<String> RESERVED = List.of("modelops.state", "modelops.verdict.", "modelops.policy",
            "modelops.mlflow.");
    private static final Pattern MODEL_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    record Options(String ownerTeam, String riskTier, String sha256Tag, boolean dryRun) {
    }

    private final MlflowApi source;
    private final MlflowApi target;
    private final Options options;
    private final ImportPlan plan = new ImportPlan();

    MlflowImport(MlflowApi source, MlflowApi target, Options options) {
        this.source = source;
        this.target = target;
        this.options = options;
    }

    ImportPlan run(List<String> names) {
        for (var model : source.models(names)) {
            importModel(model);
        }
        return plan;
    }

    private void importModel(JsonNode model) {
        var name = Json.text(model, "name");
        if (!MODEL_NAME.matcher(name).matches()) {
            plan.add(new Step(name, "model", null, null, Action.SKIP, "the governed registry's names are DNS labels:"
                    + " 1-63 lower-case letters, digits and hyphens"));
            return;
        }
        var existing = target.model(name);
        if (existing.isEmpty()) {
            if (!createModel(model, name)) {
                return;
            }
        } else {
            plan.add(new Step(name, "model", null, null, Action.PRESENT, null));
        }
        var imported = importedVersions(name, existing.isPresent());
        var versions = new ArrayList<>(source.versions(name));
        versions.sort(Comparator.comparingInt(version -> version.path("version").asInt()));
        for (var version : versions) {
            importVersion(name, version, imported);
        }
        var targetModel = existing.isPresent() && !options.dryRun()
                ? target.model(name).orElseThrow()
                : existing
                        .orElse(null);
        importAliases(name, model, imported, targetModel);
    }

    private boolean createModel(JsonNode model, String name) {
        var tags = new LinkedHashMap<>(MlflowApi.tags(model));
        if (options.ownerTeam() != null) {
            tags.put("modelops.owner_team", options.ownerTeam());
        }
        if (options.riskTier() != null) {
            tags.put("modelops.risk_tier", options.riskTier());
        }
        tags.put(PREFIX + "source", source.base());
        timestamps(model, tags);
        var detail = "risk tier " + tags.getOrDefault("modelops.risk_tier", "the service's default")
                + ", team " + tags.getOrDefault("modelops.owner_team", "your only team");
        if (options.dryRun()) {
            plan.add(new Step(name, "model", null, null, Action.CREATE, detail));
            return true;
        }
        var body = Json.object().put("name", name);
        var description = Json.text(model, "description");
        if (description != null && !description.isEmpty()) {
            body.put("description", description);
        }
        tagArray(body, tags);
        try {
            target.post("/registered-models/create", body);
        } catch (HttpError e) {
            plan.add(new Step(name, "model", null, null, Action.SKIP, e.getMessage()));
            return false;
        }
        plan.add(new Step(name, "model", null, null, Action.CREATE, detail));
        return true;
    }

    /** Source version number → target version number, from the target's {@code import.mlflow.version} tags. */
    private Map<Integer, Integer> importedVersions(String name, boolean exists) {
        var imported = new HashMap<Integer, Integer>();
        if (!exists) {
            return imported;
        }
        for (var version : target.versions(name)) {
            var tag = MlflowApi.tags(version).get(SOURCE_VERSION);
            if (tag != null && tag.matches("\\d+")) {
                imported.put(Integer.parseInt(tag), version.path("version").asInt());
            }
        }
        return imported;
    }

    private void importVersion(String name, JsonNode version, Map<Integer, Integer> imported) {
        int number = version.path("version").asInt();
        var what = "v" + number;
        if (imported.containsKey(number)) {
            plan.add(new Step(name, what, number, imported.get(number), Action.PRESENT, null));
            return;
        }
        var status = Json.text(version, "status");
        if (status != null && !"READY".equals(status)) {
            plan.add(new Step(name, what, number, null, Action.SKIP, "its status in the source is " + status));
            return;
        }
        var sourceTags = MlflowApi.tags(version);
        var tags = new LinkedHashMap<String, String>();
        var dropped = new ArrayList<String>();
        sourceTags.forEach((key, value) -> {
            if (RESERVED.stream().anyMatch(key::startsWith)) {
                dropped.add(key);
            } else {
                tags.put(key, value);
            }
        });
        if (options.sha256Tag() != null && sourceTags.containsKey(options.sha256Tag())) {
            tags.put(ARTIFACT_SHA256, sourceTags.get(options.sha256Tag()));
        }
        if (!tags.containsKey(ARTIFACT_SHA256)) {
            plan.add(new Step(name, what, number, null, Action.SKIP, "no artifact digest: the source version has"
                    + " no tag " + (options.sha256Tag() == null ? ARTIFACT_SHA256 : options.sha256Tag())
                    + " (give --sha256-tag naming the tag that holds the SHA-256 of its artifact)"));
            return;
        }
        tags.put(SOURCE_VERSION, String.valueOf(number));
        tags.put(PREFIX + "source", source.base());
        timestamps(version, tags);
        putIfPresent(tags, PREFIX + "user_id", Json.text(version, "user_id"));
        var stage = Json.text(version, "current_stage");
        if (stage != null && !stage.isEmpty() && !"None".equals(stage)) {
            tags.put(PREFIX + "stage", stage);
        }
        var runId = Json.text(version, "run_id");
        putIfPresent(tags, PREFIX + "run_id", runId);
        var detail = dropped.isEmpty() ? null : "dropped tags the lifecycle sets: " + dropped;
        if (options.dryRun()) {
            plan.add(new Step(name, what, number, null, Action.CREATE, detail));
            return;
        }
        var body = Json.object().put("name", name).put("source", Json.text(version, "source"));
        putIfPresent(body, "run_id", runId);
        putIfPresent(body, "run_link", Json.text(version, "run_link"));
        putIfPresent(body, "model_id", Json.text(version, "model_id"));
        putIfPresent(body, "description", Json.text(version, "description"));
        tagArray(body, tags);
        try {
            var created = target.post("/model-versions/create", body).path("model_version");
            var targetVersion = created.path("version").asInt();
            imported.put(number, targetVersion);
            plan.add(new Step(name, what, number, targetVersion, Action.CREATE, detail));
        } catch (HttpError e) {
            plan.add(new Step(name, what, number, null, Action.SKIP, e.getMessage()));
        }
    }

    private void importAliases(String name, JsonNode model, Map<Integer, Integer> imported, JsonNode targetModel) {
        var targetAliases = new HashMap<String, Integer>();
        var targetTags = targetModel == null ? Map.<String, String>of() : MlflowApi.tags(targetModel);
        if (targetModel != null) {
            for (var alias : targetModel.path("aliases")) {
                targetAliases.put(Json.text(alias, "alias"), alias.path("version").asInt());
            }
        }
        for (var alias : model.path("aliases")) {
            var label = Json.text(alias, "alias");
            int sourceVersion = alias.path("version").asInt();
            var targetVersion = imported.get(sourceVersion);
            var what = "@" + label;
            if (GOVERNED_ALIASES.contains(label)) {
                var key = PREFIX + "alias." + label;
                var note = "source v" + sourceVersion + (targetVersion == null
                        ? " (not imported)"
                        : " = v" + targetVersion + " here") + "; not promoted: the governed lifecycle decides";
                if (note.equals(targetTags.get(key))) {
                    plan.add(new Step(name, what, sourceVersion, targetVersion, Action.PRESENT, null));
                    continue;
                }
                if (!options.dryRun()) {
                    try {
                        target.post("/registered-models/set-tag", Json.object().put("name", name).put("key", key)
                                .put("value", note));
                    } catch (HttpError e) {
                        plan.add(new Step(name, what, sourceVersion, targetVersion, Action.SKIP, e.getMessage()));
                        continue;
                    }
                }
                plan.add(new Step(name, what, sourceVersion, targetVersion, Action.NOTE, "tag " + key + ": " + note));
                continue;
            }
            if (targetVersion == null && !options.dryRun()) {
                plan.add(new Step(name, what, sourceVersion, null, Action.SKIP, "its version v" + sourceVersion
                        + " was not imported"));
                continue;
            }
            if (targetVersion != null && targetVersion.equals(targetAliases.get(label))) {
                plan.add(new Step(name, what, sourceVersion, targetVersion, Action.PRESENT, null));
                continue;
            }
            if (!options.dryRun()) {
                try {
                    target.post("/registered-models/alias", Json.object().put("name", name).put("alias", label)
                            .put("version", String.valueOf(targetVersion)));
                } catch (HttpError e) {
                    plan.add(new Step(name, what, sourceVersion, targetVersion, Action.SKIP, e.getMessage()));
                    continue;
                }
            }
            plan.add(new Step(name, what, sourceVersion, targetVersion, Action.SET, null));
        }
    }

    /** The source's creation and update times: epoch milliseconds as MLflow gives them, and ISO-8601 beside. */
    private static void timestamps(JsonNode node, Map<String, String> tags) {
        for (var field : new String[]{"creation_timestamp", "last_updated_timestamp"}) {
            var value = node.path(field);
            if (value.isNumber() || (value.isTextual() && value.asText().matches("\\d+"))) {
                tags.put(PREFIX + field, value.asText());
                tags.put(PREFIX + (field.startsWith("creation") ? "created_at" : "last_updated_at"),
                        Instant.ofEpochMilli(value.asLong())
                                .toString());
            }
        }
        putIfPresent(tags, PREFIX + "user_id", Json.text(node, "user_id"));
    }

    private static void putIfPresent(Map<String, String> tags, String key, String value) {
        if (value != null && !value.isEmpty()) {
            tags.put(key, value);
        }
    }

    private static void putIfPresent(com.fasterxml.jackson.databind.node.ObjectNode body, String key, String value) {
        if (value != null && !value.isEmpty()) {
            body.put(key, value);
        }
    }

    private static void tagArray(com.fasterxml.jackson.databind.node.ObjectNode body, Map<String, String> tags) {
        var array = body.putArray("tags");
        tags.forEach((key, value) -> array.addObject().put("key", key).put("value", value));
    }
}
