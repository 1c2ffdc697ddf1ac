package org.modelops.governance.mlflow.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelops.governance.mlflow.MlflowRegistry;
import org.modelops.governance.mlflow.MlflowTracking;
import org.modelops.governance.mlflow.model.RunLookup;
import org.modelops.governance.mlflow.model.EvidenceTags;
import org.modelops.governance.mlflow.model.MlflowError;
import org.modelops.governance.security.Actors;
import org.modelops.governance.security.Roles;

/**
 * MLflow's model-registry routes ({@code model_registry.proto}); served under both MLflow prefixes by
 * {@link MlflowApi} and {@link MlflowAjaxApi}. GET takes query parameters; POST, PATCH and DELETE a JSON body.
 * Reading needs any valid token, writing the role ml-engineer, as on {@code /api/v1}.
 */
@Secured(SecurityRule.IS_AUTHENTICATED)
abstract class MlflowRoutes {

    static final int MAX_MODEL_RESULTS = 1000;
    static final int DEFAULT_MODEL_RESULTS = 100;
    static final int MAX_VERSION_RESULTS = 200_000;

    private final MlflowRegistry registry;
    private final MlflowTracking tracking;

    MlflowRoutes(MlflowRegistry registry, MlflowTracking tracking) {
        this.registry = registry;
        this.tracking = tracking;
    }

    @Post(uri = "/registered-models/create", consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.ML_ENGINEER)
    Map<String, Object> createModel(@Nullable @Body byte[] body, Authentication caller) {
        var request = MlflowBody.of(body);
        var name = request.required("name");
        var tags = request.tags();
        var model = registry.createModel(Actors.of(caller), name, request.optional("description"), tags);
        return Map.of("registered_model", MlflowViews.model(registry.model(model.name().value())));
    }

    @Get("/registered-models/get")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    Map<String, Object> getModel(HttpRequest<?> request) {
        return Map.of("registered_model", MlflowViews.model(registry.model(required(request, "name"))));
    }

    @Get("/registered-models/search")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    Map<String, Object> searchModels(HttpRequest<?> request) {
        var page = registry.searchModels(query(request, "filter"), maxResults(request, DEFAULT_MODEL_RESULTS,
                MAX_MODEL_RESULTS), request.getParameters().getAll("order_by"), query(request, "page_token"));
        var answer = new LinkedHashMap<String, Object>();
        if (!page.items().isEmpty()) {
            answer.put("registered_models", page.items().stream().map(MlflowViews::model).toList());
        }
        if (page.nextPageToken() != null) {
            answer.put("next_page_token", page.nextPageToken());
        }
        return answer;
    }

    @Post(uri = "/registered-models/get-latest-versions", consumes = MediaType.APPLICATION_JSON)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    Map<String, Object> latestVersionsPosted(@Nullable @Body byte[] body) {
        var request = MlflowBody.of(body);
        return latestVersions(request.required("name"), stages(body));
    }

    @Get("/registered-models/get-latest-versions")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    Map<String, Object> latestVersionsQueried(HttpRequest<?> request) {
        return latestVersions(required(request, "name"), request.getParameters().getAll("stages"));
    }

    private Map<String, Object> latestVersions(String name, List<String> stages) {
        var model = registry.model(name);
        var answer = new LinkedHashMap<String, Object>();
        if (model.latest() != null && (stages.isEmpty() || stages.stream().anyMatch(
                stage -> stage.equalsIgnoreCase(MlflowViews.STAGE_NONE)))) {
            answer.put("model_versions", List.of(MlflowViews.version(model.latest())));
        }
        return answer;
    }

    @Post(uri = "/model-versions/create", consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.ML_ENGINEER)
    Map<String, Object> createVersion(@Nullable @Body byte[] body, Authentication caller) {
        var request = MlflowBody.of(body);
        var name = request.required("name");
        var source = request.required("source");
        var tags = request.tags();
        var slices = MlflowBody.sliceMetrics(EvidenceTags.SLICE_METRICS, tags.get(EvidenceTags.SLICE_METRICS));
        var create = new MlflowRegistry.CreateRequest(name, source, request.optional("run_id"),
                request.optional("model_id"), request.optional("run_link"), request.optional("description"), tags,
                slices);
        // read before the transaction: a slow tracking server holds no lock
        var run = tracking.lookup(create.runId(), create.modelId());
        return Map.of("model_version", MlflowViews.version(registry.createVersion(Actors.of(caller), create, run)));
    }

    @Get("/model-versions/get")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    Map<String, Object> getVersion(HttpRequest<?> request) {
        return Map.of("model_version", MlflowViews.version(registry.version(required(request, "name"),
                required(request, "version"))));
    }

    @Get("/model-versions/get-download-uri")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    Map<String, Object> downloadUri(HttpRequest<?> request) {
        var version = registry.version(required(request, "name"), required(request, "version"));
        return Map.of("artifact_uri", version.version().evidence().artifactUri());
    }

    @Get("/model-versions/search")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    Map<String, Object> searchVersions(HttpRequest<?> request) {
        var page = registry.searchVersions(query(request, "filter"), maxResults(request, MAX_VERSION_RESULTS,
                MAX_VERSION_RESULTS), request.getParameters().getAll("order_by"), query(request, "page_token"));
        var answer = new LinkedHashMap<String, Object>();
        if (!page.items().isEmpty()) {
            answer.put("model_versions", page.items().stream().map(MlflowViews::version).toList());
        }
        if (page.nextPageToken() != null) {
            answer.put("next_page_token", page.nextPageToken());
        }
        return answer;
    }

    @Get("/registered-models/alias")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    Map<String, Object> byAlias(HttpRequest<?> request) {
        return Map.of("model_version", MlflowViews.version(registry.byAlias(required(request, "name"),
                required(request, "alias"))));
    }

    @Post(uri = "/registered-models/alias", consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.ML_ENGINEER)
    Map<String, Object> setAlias(@Nullable @Body byte[] body, Authentication caller) {
        var request = MlflowBody.of(body);
        registry.setAlias(Actors.of(caller), request.required("name"), request.required("alias"),
                request.required("version"));
        return Map.of();
    }

    @Delete(uri = "/registered-models/alias", consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.ML_ENGINEER)
    Map<String, Object> deleteAlias(@Nullable @Body byte[] body, Authentication caller) {
        var request = MlflowBody.of(body);
        registry.deleteAlias(Actors.of(caller), request.required("name"), request.required("alias"));
        return Map.of();
    }

    @Patch(uri = "/registered-models/update", consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.ML_ENGINEER)
    Map<String, Object> updateModel(@Nullable @Body byte[] body, Authentication caller) {
        var request = MlflowBody.of(body);
        var name = request.required("name");
        var description = request.optional("description");
        if (description != null) {
            registry.describe(Actors.of(caller), name, description);
        }
        return Map.of("registered_model", MlflowViews.model(registry.model(name)));
    }

    @Post(uri = "/registered-models/set-tag", consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.ML_ENGINEER)
    Map<String, Object> setModelTag(@Nullable @Body byte[] body, Authentication caller) {
        var request = MlflowBody.of(body);
        registry.setTag(Actors.of(caller), request.required("name"), null, request.required("key"),
                value(request));
        return Map.of();
    }

    @Delete(uri = "/registered-models/delete-tag", consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.ML_ENGINEER)
    Map<String, Object> deleteModelTag(@Nullable @Body byte[] body, Authentication caller) {
        var request = MlflowBody.of(body);
        registry.deleteTag(Actors.of(caller), request.required("name"), null, request.required("key"));
        return Map.of();
    }

    @Post(uri = "/model-versions/set-tag", consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.ML_ENGINEER)
    Map<String, Object> setVersionTag(@Nullable @Body byte[] body, Authentication caller) {
        var request = MlflowBody.of(body);
        var name = request.required("name");
        var version = request.required("version");
        // a version waiting for evidence reads its run again, before the transaction
        var run = registry.waiting(name, version).map(waiting -> tracking.lookup(waiting.runId(),
                waiting.modelId())).orElse(RunLookup.NOTHING);
        registry.setTag(Actors.of(caller), name, version, request.required("key"), value(request), run);
        return Map.of();
    }

    @Delete(uri = "/model-versions/delete-tag", consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.ML_ENGINEER)
    Map<String, Object> deleteVersionTag(@Nullable @Body byte[] body, Authentication caller) {
        var request = MlflowBody.of(body);
        registry.deleteTag(Actors.of(caller), request.required("name"), request.required("version"),
                request.required("key"));
        return Map.of();
    }

    private static String value(MlflowBody request) {
        var value = request.optional("value");
        if (value == null) {
            throw MlflowError.missing("value");
        }
        return value;
    }

    /** MLflow's stages are deprecated; here a version moves only through its governed lifecycle. */
    @Post(uri = "/model-versions/transition-stage", consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.ML_ENGINEER)
    Map<String, Object> transitionStage(@Nullable @Body byte[] body) {
        var request = MlflowBody.of(body);
        var name = request.required("name");
        request.required("version");
        request.required("stage");
        throw MlflowError.invalid("Stage transitions are not supported by this governed registry: a version serves"
                + " only once its governed lifecycle (validation, champion-challenger, approvals, rollout) makes it"
                + " champion. Load it with models:/" + name + "@champion, follow it in the version's tags"
                + " (modelops.state) or GET /api/v1/models/" + name + "/versions/{version}; domain experts decide in"
                + " /api/v1/tasks, roll back with POST /api/v1/models/" + name + "/rollback and retire with POST"
                + " /api/v1/models/" + name + "/versions/{version}/retire.");
    }

    @Delete(uri = "/registered-models/delete", consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.ML_ENGINEER)
    Map<String, Object> deleteModel(@Nullable @Body byte[] body) {
        var name = MlflowBody.of(body).required("name");
        throw new MlflowError(MlflowError.Code.PERMISSION_DENIED, "A governed model is not deleted: its versions,"
                + " decisions and audit trail are kept as evidence. Retire versions that should not serve with POST"
                + " /api/v1/models/" + name + "/versions/{version}/retire.");
    }

    @Delete(uri = "/model-versions/delete", consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.ML_ENGINEER)
    Map<String, Object> deleteVersion(@Nullable @Body byte[] body) {
        var request = MlflowBody.of(body);
        var name = request.required("name");
        var version = request.required("version");
        throw new MlflowError(MlflowError.Code.PERMISSION_DENIED, "A governed model version is not deleted: its"
                + " evidence and decisions are kept. Retire it with POST /api/v1/models/" + name + "/versions/"
                + version + "/retire.");
    }

    @Post(uri = "/registered-models/rename", consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.ML_ENGINEER)
    Map<String, Object> rename(@Nullable @Body byte[] body) {
        var request = MlflowBody.of(body);
        request.required("name");
        request.required("new_name");
        throw new MlflowError(MlflowError.Code.PERMISSION_DENIED, "A governed model keeps its name: its audit trail,"
                + " policies and serving refer to it. Register a new model under the new name.");
    }

    @Patch(uri = "/model-versions/update", consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.ML_ENGINEER)
    Map<String, Object> updateVersion(@Nullable @Body byte[] body) {
        var request = MlflowBody.of(body);
        request.required("name");
        request.required("version");
        throw new MlflowError(MlflowError.Code.PERMISSION_DENIED, "A governed version's description is part of the"
                + " evidence it was decided on and is not changed afterwards; create a new version instead.");
    }

    private static String required(HttpRequest<?> request, String name) {
        var value = query(request, name);
        if (value == null || value.isEmpty()) {
            throw MlflowError.missing(name);
        }
        return value;
    }

    private static String query(HttpRequest<?> request, String name) {
        return request.getParameters().get(name);
    }

    private static int maxResults(HttpRequest<?> request, int defaultValue, int max) {
        var value = query(request, "max_results");
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= 1 && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // below
        }
        throw MlflowError.invalid("Invalid value \"" + value + "\" for parameter 'max_results' supplied: it must be"
                + " an integer from 1 to " + max + ".");
    }

    private static List<String> stages(byte[] body) {
        return MlflowBody.stages(body);
    }
}
