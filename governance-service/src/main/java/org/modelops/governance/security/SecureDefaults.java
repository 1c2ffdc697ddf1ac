package org.modelops.governance.security;

import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.jdbc.BasicJdbcConfiguration;
import jakarta.inject.Singleton;
import org.modelops.governance.security.DevelopmentSecrets.Setting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to start, before the first database connection is opened, with the development signing key or a default
 * database password — unless development is explicitly on: the Micronaut environment {@code dev} (or {@code test}, for
 * the tests) or {@code governance.development=true} ({@code GOVERNANCE_DEVELOPMENT}).
 */
@Singleton
final class SecureDefaults implements BeanCreatedEventListener<BasicJdbcConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(SecureDefaults.class);

    private final Environment environment;

    SecureDefaults(Environment environment) {
        this.environment = environment;
    }

    @Override
    public BasicJdbcConfiguration onCreated(BeanCreatedEvent<BasicJdbcConfiguration> event) {
        check();
        return event.getBean();
    }

    void check() {
        boolean migrates = environment.getProperty("flyway.datasources.default.enabled", Boolean.class, true);
        var refusals = DevelopmentSecrets.refusals(
                setting("governance.audit.signing-key", "GOVERNANCE_AUDIT_SIGNING_KEY"),
                setting("governance.audit.public-key", "GOVERNANCE_AUDIT_PUBLIC_KEY"),
                setting("datasources.default.username", "DATASOURCES_DEFAULT_USERNAME"),
                setting("datasources.default.password", "DATASOURCES_DEFAULT_PASSWORD"),
                setting("flyway.datasources.default.user", "GOVERNANCE_MIGRATION_USERNAME"),
                migrates ? setting("flyway.datasources.default.password", "GOVERNANCE_MIGRATION_PASSWORD") : null);
        if (refusals.isEmpty()) {
            return;
        }
        if (development()) {
            refusals.forEach(refusal -> LOG.warn("Development only: {}", refusal));
            return;
        }
        refusals.forEach(refusal -> LOG.error("Refusing to start: {}", refusal));
        throw new ConfigurationException("Refusing to start outside development: " + String.join("; ", refusals)
                + ". Set your own secrets (docs/operations.md), or turn development on explicitly"
                + " (MICRONAUT_ENVIRONMENTS=dev or GOVERNANCE_DEVELOPMENT=true).");
    }

    private boolean development() {
        var names = environment.getActiveNames();
        return names.contains(Environment.DEVELOPMENT) || names.contains(Environment.TEST)
                || environment.getProperty("governance.development", Boolean.class, false);
    }

    private Setting setting(String property, String variable) {
        return new Setting(property, variable, environment.getProperty(property, String.class).orElse(null));
    }
}
