package org.modelops.governance.policy;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.modelops.governance.security.Actor;
import org.modelops.governance.shared.ClasspathFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the policy files ({@code policies/*.yaml}, packaged, then {@code governance.policies.directory}) at
 * start-up. A file whose text equals its policy's latest version publishes nothing; a changed file publishes a new
 * version, recorded in the audit trail as published by {@code system}.
 */
@Singleton
class PolicyBootstrap implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyBootstrap.class);

    private final Policies policies;
    private final PolicyProperties properties;

    PolicyBootstrap(Policies policies, PolicyProperties properties) {
        this.policies = policies;
        this.properties = properties;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        var files = new LinkedHashMap<>(ClasspathFolder.read("policies", ".yaml"));
        if (properties.directory() != null) {
            files.putAll(ClasspathFolder.readDirectory(Path.of(properties.directory()), ".yaml"));
        }
        files.forEach((file, bytes) -> {
            var published = policies.publish(Actor.SYSTEM, new String(bytes, StandardCharsets.UTF_8));
            if (published.created()) {
                LOG.info("Policy {} version {} published from {}", published.version().name(),
                        published.version().version(), file);
            }
        });
    }

}
