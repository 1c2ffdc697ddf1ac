package org.modelops.governance.policy;

import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.policy.model.PolicyVersion;
import org.modelops.governance.security.Actor;
import org.modelops.governance.shared.Digests;
import org.modelops.governance.shared.Refusal;

/**
 * Publishing and selecting policies. A version's identity is its exact text: the SHA-256 of the document's bytes.
 * Publishing the same text again publishes nothing.
 */
@Singleton
public class Policies {

    /** The outcome of a publication; {@code created} is false when the text equals the latest version. */
    public record Published(PolicyVersion version, boolean created) {
    }

    private final PolicyCatalog catalog;
    private final PolicyDocuments documents;
    private final AuditLog audit;

    Policies(PolicyCatalog catalog, PolicyDocuments documents, AuditLog audit) {
        this.catalog = catalog;
        this.documents = documents;
        this.audit = audit;
    }

    @Transactional
    public Published publish(Actor actor, String text) {
        var policy = documents.parse(text);
        var sha256 = Digests.sha256Hex(text);
        var latest = catalog.latest(policy.name());
        if (latest.isPresent() && latest.get().sha256().equals(sha256)) {
            return new Published(latest.get(), false);
        }
        var published = catalog.publish(policy.name(), sha256, text, actor.username());
        var details = new LinkedHashMap<String, Object>();
        details.put("version", published.version());
        details.put("sha256", sha256);
        details.put("previousVersion", latest.map(PolicyVersion::version).orElse(null));
        audit.record(actor, "policy.published", new AuditSubject("policy", policy.name()), details, null);
        return new Published(published, true);
    }

    @ReadOnly
    public List<PolicyVersion> latestOfEach() {
        return catalog.latestOfEach();
    }

    @ReadOnly
    public List<PolicyVersion> versions(String name) {
        var versions = catalog.versions(name);
        if (versions.isEmpty()) {
            throw Refusal.notFound("policy-not-found", "No policy named '" + name + "' is published.");
        }
        return versions;
    }

    @ReadOnly
    public PolicyVersion version(String name, int version) {
        return catalog.version(name, version).orElseThrow(() -> Refusal.notFound("policy-not-found",
                "Policy '" + name + "' has no version " + version + "."));
    }

    /**
     * The policy that governs a model now: the latest version of a policy naming the model, else of the one for
     * its risk tier.
     */
    @ReadOnly
    public PolicyVersion governing(String model, String riskTier) {
        var all = catalog.latestOfEach();
        return all.stream().filter(version -> version.policy().appliesTo().models().contains(model)).findFirst()
                .or(() -> all.stream()
                        .filter(version -> version.policy().appliesTo().riskTiers().contains(riskTier))
                        .findFirst())
                .orElseThrow(() -> new Refusal(Refusal.Kind.UNPROCESSABLE, "no-policy",
                        "No published policy applies to model '" + model + "' (risk tier " + riskTier + ")."));
    }
}
