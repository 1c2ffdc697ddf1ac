package org.modelops.governance.policy.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.modelops.governance.policy.Policies;
import org.modelops.governance.policy.model.PolicyVersion;
import org.modelops.governance.security.Actors;
import org.modelops.governance.security.Roles;
import org.modelops.governance.web.JsonRequests;
import org.modelops.governance.web.ListView;

@Controller("/api/v1/policies")
@Secured(SecurityRule.IS_AUTHENTICATED)
class PoliciesController {

    private final Policies policies;

    PoliciesController(Policies policies) {
        this.policies = policies;
    }

    @Serdeable
    record PolicyView(String name, int version, String sha256, String description, List<String> riskTiers,
            List<String> models, Instant publishedAt, String publishedBy, @Nullable String content) {

        static PolicyView of(PolicyVersion version, boolean withContent) {
            var policy = version.policy();
            return new PolicyView(version.name(), version.version(), version.sha256(), policy.description(),
                    policy.appliesTo().riskTiers(), policy.appliesTo().models(), version.publishedAt(),
                    version.publishedBy(), withContent ? version.content() : null);
        }
    }

    @Serdeable
    record PolicyHistoryView(String name, PolicyView latest, List<PolicyView> versions) {
    }

    @Get
    ListView<PolicyView> list() {
        var latest = policies.latestOfEach().stream().map(version -> PolicyView.of(version, false)).toList();
        return new ListView<>(latest, latest.size(), 0, latest.size());
    }

    @Get("/{name}")
    PolicyHistoryView policy(@PathVariable String name) {
        var versions = policies.versions(name);
        return new PolicyHistoryView(name, PolicyView.of(versions.getFirst(), true),
                versions.stream().map(version -> PolicyView.of(version, false)).toList());
    }

    @Get("/{name}/versions/{version}")
    PolicyView version(@PathVariable String name, @PathVariable int version) {
        return PolicyView.of(policies.version(name, version), true);
    }

    /** The body is the policy document itself, YAML or JSON. */
    @Post(consumes = {"application/yaml", "text/yaml", "application/x-yaml", MediaType.TEXT_PLAIN,
            MediaType.APPLICATION_JSON})
    @Secured(Roles.GOVERNANCE_ADMIN)
    HttpResponse<PolicyView> publish(@Nullable @Body byte[] document, Authentication caller) {
        var published = policies.publish(Actors.of(caller), JsonRequests.text(document));
        var view = PolicyView.of(published.version(), true);
        var location = URI.create("/api/v1/policies/" + view.name() + "/versions/" + view.version());
        return published.created()
                ? HttpResponse.created(view, location)
                : HttpResponse.<PolicyView>status(HttpStatus.OK).body(view).header("Location", location.toString());
    }
}
