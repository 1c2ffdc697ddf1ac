package org.modelops.governance.policy;

import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.policy.model.Policy;
import org.modelops.governance.policy.model.PolicyVersion;
import org.modelops.governance.security.Actor;
import org.modelops.governance.shared.Digests;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.Refusal;

/**
 * Publishing and selecting policies. A version's identity is its exact text: the SHA-256 of the document's bytes.
 * Publishing the same text again publishes nothing. Each model and each risk tier is covered by at most one policy, so
 * which policy governs a version is never a matter of order.
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

    /**
     * What start-up did with a policy file: published it as the first version of a new name ({@code SEEDED}), found
     * it to be the latest version ({@code UNCHANGED}) or an older one somebody has since replaced
     * ({@code SUPERSEDED}), or kept the stored versions although the file says something never published
     * ({@code KEPT}). {@code stored} is the latest version in every case.
     */
    public record Seeded(PolicyVersion stored, Outcome outcome) {
        public enum Outcome {
            SEEDED, UNCHANGED, SUPERSEDED, KEPT
        }
    }

    @Transactional
    public Published publish(Actor actor, String text) {
        var policy = documents.parse(text);
        catalog.lockPublications();
        return publish(actor, policy, text);
    }

    /** Publishes the text only if no version of its policy exists yet; a stored version is never replaced. */
    @Transactional
    public Seeded seed(Actor actor, String text) {
        var policy = documents.parse(text);
        catalog.lockPublications();
        var stored = catalog.versions(policy.name());
        if (!stored.isEmpty()) {
            var sha256 = Digests.sha256Hex(text);
            var latest = stored.getFirst();
            return new Seeded(latest, latest.sha256().equals(sha256)
                    ? Seeded.Outcome.UNCHANGED
                    : stored.stream().anyMatch(version -> version.sha256().equals(sha256))
                            ? Seeded.Outcome.SUPERSEDED
                            : Seeded.Outcome.KEPT);
        }
        return new Seeded(publish(actor, policy, text).version(), Seeded.Outcome.SEEDED);
    }

    private Published publish(Actor actor, Policy policy, String text) {
        var sha256 = Digests.sha256Hex(text);
        var latest = catalog.latest(policy.name());
        if (latest.isPresent() && latest.get().sha256().equals(sha256)) {
            return new Published(latest.get(), false);
        }
        refuseOverlap(policy);
        var published = catalog.publish(policy.name(), sha256, text, actor.username());
        var details = new LinkedHashMap<String, Object>();
        details.put("version", published.version());
        details.put("sha256", sha256);
        details.put("previousVersion", latest.map(PolicyVersion::version).orElse(null));
        audit.record(actor, AuditActions.POLICY_PUBLISHED, new AuditSubject("policy", policy.name()), details, null);
        return new Published(published, true);
    }

    /** A model, and a risk tier, is governed by one policy: no other policy's latest version may claim it too. */
    private void refuseOverlap(Policy policy) {
        for (var other : catalog.latestOfEach()) {
            if (other.name().equals(policy.name())) {
                continue;
            }
            var claimed = new ArrayList<String>();
            var violations = new ArrayList<FieldViolation>();
            var theirs = other.policy().appliesTo();
            overlap("appliesTo.models", "model", policy.appliesTo().models(), theirs.models(), other.name(), claimed,
                    violations);
            overlap("appliesTo.riskTiers", "risk tier", policy.appliesTo().riskTiers(), theirs.riskTiers(),
                    other.name(), claimed, violations);
            if (!violations.isEmpty()) {
                throw new Refusal(Refusal.Kind.CONFLICT, "policy-overlap", "Policy '" + other.name() + "' (version "
                        + other.version() + ") already applies to " + String.join(" and ", claimed)
                        + "; one policy governs each model and risk tier. Remove them from '" + other.name()
                        + "' by publishing a new version of it first, or leave them out of '" + policy.name() + "'.",
                        violations);
            }
        }
    }

    private static void overlap(String field, String what, List<String> ours, List<String> theirs, String other,
            List<String> claimed, List<FieldViolation> violations) {
        var shared = ours.stream().filter(theirs::contains).distinct().toList();
        if (!shared.isEmpty()) {
            var described = what + (shared.size() == 1 ? " " : "s ") + String.join(", ", shared);
            claimed.add(described);
            violations.add(new FieldViolation(field, "overlap", described + " already governed by policy '" + other
                    + "'"));
        }
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
