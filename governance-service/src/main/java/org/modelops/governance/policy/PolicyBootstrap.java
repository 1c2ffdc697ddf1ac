package org.modelops.governance.policy;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelops.governance.policy.model.Policy;
import org.modelops.governance.security.Actor;
import org.modelops.governance.shared.ClasspathFolder;
import org.modelops.governance.shared.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds policies at start-up from the packaged {@code policies/*.yaml} and the files of
 * {@code governance.policies.directory}: a file publishes version 1 of a policy name that has no version yet, as
 * {@code system}. A name that exists keeps its stored versions, whoever published them; a file that differs from the
 * stored latest version is logged and not published (policies change through the API, where the change is audited as
 * someone's). A directory file takes the place of a packaged one with the same name or covering the same model or risk
 * tier. A file that is not a valid policy stops start-up; one that would overlap a stored policy is logged and left.
 */
@Singleton
class PolicyBootstrap implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyBootstrap.class);

    /** A policy file: where it came from, its exact text and its rules. */
    record PolicyFile(String source, String text, Policy policy) {
    }

    private final Policies policies;
    private final PolicyDocuments documents;
    private final PolicyProperties properties;

    PolicyBootstrap(Policies policies, PolicyDocuments documents, PolicyProperties properties) {
        this.policies = policies;
        this.documents = documents;
        this.properties = properties;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        var packaged = read(ClasspathFolder.read("policies", ".yaml"), "packaged ");
        var local = properties.directory() == null
                ? List.<PolicyFile>of()
                : read(ClasspathFolder.readDirectory(Path.of(properties.directory()), ".yaml"),
                        properties.directory() + "/");
        seedOrder(packaged, local).forEach(this::seed);
    }

    /** The packaged files a directory file does not replace, then the directory's files. */
    static List<PolicyFile> seedOrder(List<PolicyFile> packaged, List<PolicyFile> local) {
        var order = new ArrayList<PolicyFile>();
        for (var file : packaged) {
            var replacement = local.stream().filter(other -> other.policy().name().equals(file.policy().name())
                    || other.policy().appliesTo().overlaps(file.policy().appliesTo())).findFirst();
            if (replacement.isPresent()) {
                LOG.info("Policy {} from {} is left out: {} takes its place", file.policy().name(), file.source(),
                        replacement.get().source());
            } else {
                order.add(file);
            }
        }
        order.addAll(local);
        return order;
    }

    private List<PolicyFile> read(Map<String, byte[]> files, String prefix) {
        var read = new LinkedHashMap<String, PolicyFile>();
        files.forEach((name, bytes) -> {
            var source = prefix + name;
            var text = new String(bytes, StandardCharsets.UTF_8);
            Policy policy;
            try {
                policy = documents.parse(text);
            } catch (Refusal refused) {
                throw new IllegalStateException("Policy file " + source + " is not a valid policy: "
                        + refused.getMessage() + " " + refused.violations(), refused);
            }
            var twin = read.get(policy.name());
            if (twin != null) {
                throw new IllegalStateException("Policy files " + twin.source() + " and " + source
                        + " both define policy " + policy.name());
            }
            read.put(policy.name(), new PolicyFile(source, text, policy));
        });
        return List.copyOf(read.values());
    }

    private void seed(PolicyFile file) {
        try {
            var seeded = policies.seed(Actor.SYSTEM, file.text());
            var stored = seeded.stored();
            switch (seeded.outcome()) {
                case SEEDED -> LOG.info("Policy {} version {} published from {}", stored.name(), stored.version(),
                        file.source());
                case KEPT -> LOG.warn("Policy {} in {} differs from its stored latest version {} (published by {} at"
                        + " {}); the stored version is kept. Start-up never replaces a published version: publish"
                        + " the file through POST /api/v1/policies to adopt it.", stored.name(), file.source(),
                        stored.version(), stored.publishedBy(), stored.publishedAt());
                case SUPERSEDED -> LOG.info("Policy {} in {} is an older version; version {} (published by {})"
                        + " governs", stored.name(), file.source(), stored.version(), stored.publishedBy());
                case UNCHANGED -> LOG.debug("Policy {} in {} is its stored version {}", stored.name(), file.source(),
                        stored.version());
            }
        } catch (Refusal refused) {
            LOG.warn("Policy {} in {} is not published: {}", file.policy().name(), file.source(),
                    refused.getMessage());
        }
    }
}
