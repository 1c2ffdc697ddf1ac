package org.modelops.governance.registry.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.util.List;
import org.modelops.governance.registry.ModelRegistry;
import org.modelops.governance.registry.VersionSubmissions;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.registry.model.ModelSearch;
import org.modelops.governance.registry.model.RiskTier;
import org.modelops.governance.security.Actors;
import org.modelops.governance.security.Roles;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.PageRequest;
import org.modelops.governance.shared.Refusal;
import org.modelops.governance.web.JsonRequests;
import org.modelops.governance.web.ListView;
import org.modelops.governance.web.QueryParameters;

@Controller("/api/v1/models")
@Secured(SecurityRule.IS_AUTHENTICATED)
class ModelsController {

    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;

    private final ModelRegistry registry;
    private final VersionSubmissions submissions;
    private final JsonRequests requests;

    ModelsController(ModelRegistry registry, VersionSubmissions submissions, JsonRequests requests) {
        this.registry = registry;
        this.submissions = submissions;
        this.requests = requests;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.ML_ENGINEER)
    HttpResponse<ModelView> register(@Nullable @Body byte[] body, Authentication caller) {
        var request = requests.read(body, "model-registration", RegisterModelRequest.class).value();
        var model = registry.register(Actors.of(caller), request.toRegistration());
        return HttpResponse.created(ModelView.of(model), URI.create("/api/v1/models/" + model.name()));
    }

    @Get
    ListView<ModelView> search(@Nullable @QueryValue String q, @Nullable @QueryValue String riskTier,
            @Nullable @QueryValue String tag, @Nullable @QueryValue String state, @Nullable @QueryValue Integer page,
            @Nullable @QueryValue Integer size) {
        var search = new ModelSearch(q, QueryParameters.enumValue("riskTier", riskTier, RiskTier.class),
                QueryParameters.keyValue("tag", tag), QueryParameters.enumValue("state", state, LifecycleState.class));
        return ListView.of(registry.search(search, PageRequest.of(page, size)), ModelView::of);
    }

    @Get("/{name}")
    ModelView model(@PathVariable String name) {
        return ModelView.of(registry.model(name));
    }

    /** Reclassify: a new risk tier, owner team or both, for a reason (governance admins). */
    @Patch(uri = "/{name}", consumes = {MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Secured(Roles.GOVERNANCE_ADMIN)
    ModelView reclassify(@PathVariable String name, @Nullable @Body byte[] body, Authentication caller) {
        var request = requests.read(body, "model-reclassification", ReclassifyModelRequest.class).value();
        return ModelView.of(registry.reclassify(Actors.of(caller), name, request.riskTier(), request.ownerTeam(),
                request.reason()));
    }

    @Post(uri = "/{name}/versions", consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.ML_ENGINEER)
    HttpResponse<VersionView> submit(@PathVariable String name, @Nullable @Body byte[] body,
            @Nullable @Header("Idempotency-Key") String idempotencyKey, Authentication caller) {
        checkIdempotencyKey(idempotencyKey);
        var request = requests.read(body, "version-submission", SubmitVersionRequest.class);
        var submitted = submissions.submit(Actors.of(caller), name, request.value().toEvidence(),
                request.value().answersRetrainingRequest(), idempotencyKey, request.canonicalJson());
        var version = submitted.version();
        return HttpResponse.created(VersionView.of(version),
                URI.create("/api/v1/models/" + version.model() + "/versions/" + version.version()))
                .header("Idempotent-Replayed", Boolean.toString(submitted.replayed()));
    }

    @Get("/{name}/versions")
    ListView<VersionView> versions(@PathVariable String name, @Nullable @QueryValue String state,
            @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer size) {
        return ListView.of(registry.versions(name, QueryParameters.enumValue("state", state, LifecycleState.class),
                PageRequest.of(page, size)), VersionView::of);
    }

    @Get("/{name}/versions/{version}")
    VersionView version(@PathVariable String name, @PathVariable int version) {
        return VersionView.of(registry.version(name, version));
    }

    private static void checkIdempotencyKey(String key) {
        if (key != null && (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH
                || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e))) {
            throw Refusal.invalid(List.of(new FieldViolation("Idempotency-Key", "pattern",
                    "must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " visible ASCII characters")));
        }
    }
}
