package org.modelops.governance.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.modelops.audit.CheckpointSigner;
import org.modelops.governance.security.DevelopmentSecrets.Setting;

class SecureDefaultsTest {

    private static final String DEVELOPMENT_SIGNING_KEY = "MC4CAQAwBQYDK2VwBCIEIJc4oN9DPp5KZtdZnuJHZisbFoWWg6AzPCLD38Sev8/Y";

    @Test
    void outsideDevelopmentTheServiceRefusesToStartWithoutItsOwnSigningKeyAndPasswords() {
        try (var context = production(Map.of())) {
            assertThatThrownBy(context::start).hasStackTraceContaining("Refusing to start outside development")
                    .hasStackTraceContaining("governance.audit.signing-key (GOVERNANCE_AUDIT_SIGNING_KEY) is not set")
                    .hasStackTraceContaining("datasources.default.password (DATASOURCES_DEFAULT_PASSWORD) is not set")
                    .hasStackTraceContaining(
                            "flyway.datasources.default.password (GOVERNANCE_MIGRATION_PASSWORD) is not set");
        }
    }

    @Test
    void outsideDevelopmentTheServiceRefusesTheDevelopmentKeyAndTheDefaultPasswords() {
        try (var context = production(developmentSecrets())) {
            assertThatThrownBy(context::start)
                    .hasStackTraceContaining("governance.audit.signing-key (GOVERNANCE_AUDIT_SIGNING_KEY) is the"
                            + " development key pair published in this repository")
                    .hasStackTraceContaining("datasources.default.password (DATASOURCES_DEFAULT_PASSWORD) is a"
                            + " documented default password (of role modelops)")
                    .hasStackTraceContaining("flyway.datasources.default.password (GOVERNANCE_MIGRATION_PASSWORD) is"
                            + " a documented default password (of role modelops_owner)");
        }
    }

    @Test
    void developmentSwitchedOnExplicitlyStartsWithTheDevelopmentSecrets() {
        var properties = new HashMap<>(developmentSecrets());
        properties.put("governance.development", "true");
        try (var context = production(properties)) {
            context.start();
            assertThat(context.isRunning()).isTrue();
        }
    }

    @Test
    void ownKeyAndPasswordsAreAccepted() throws Exception {
        var pair = CheckpointSigner.newKeyPair();
        var refusals = DevelopmentSecrets.refusals(
                new Setting("governance.audit.signing-key", "GOVERNANCE_AUDIT_SIGNING_KEY", pair[0]),
                new Setting("governance.audit.public-key", "GOVERNANCE_AUDIT_PUBLIC_KEY", pair[1]),
                new Setting("datasources.default.username", "DATASOURCES_DEFAULT_USERNAME", "modelops"),
                new Setting("datasources.default.password", "DATASOURCES_DEFAULT_PASSWORD", "kq3x9Vd0sLzP2mWn"),
                new Setting("flyway.datasources.default.user", "GOVERNANCE_MIGRATION_USERNAME", "modelops_owner"),
                new Setting("flyway.datasources.default.password", "GOVERNANCE_MIGRATION_PASSWORD",
                        "R7fhT2pQx0cJw8Ym"));
        assertThat(refusals).isEmpty();
    }

    @Test
    void aPasswordThatIsTheRoleNameIsRefused() {
        var refusals = DevelopmentSecrets.refusals(new Setting("k", "K", "x"), new Setting("p", "P", "y"),
                new Setting("u", "U", "svc"), new Setting("pw", "PW", "svc"), new Setting("o", "O", "own"),
                new Setting("opw", "OPW", "long-and-random-enough"));
        assertThat(refusals).containsExactly("pw (PW) is a documented default password (of role svc)");
    }

    @Test
    void withoutMigrationsTheOwnersPasswordIsNotNeeded() throws Exception {
        var pair = CheckpointSigner.newKeyPair();
        var refusals = DevelopmentSecrets.refusals(new Setting("k", "K", pair[0]), new Setting("p", "P", pair[1]),
                new Setting("u", "U", "modelops"), new Setting("pw", "PW", "kq3x9Vd0sLzP2mWn"),
                new Setting("o", "O", "modelops_owner"), null);
        assertThat(refusals).isEmpty();
    }

    private static Map<String, Object> developmentSecrets() {
        return Map.of("governance.audit.signing-key", DEVELOPMENT_SIGNING_KEY, "governance.audit.public-key",
                DevelopmentSecrets.DEVELOPMENT_PUBLIC_KEY, "datasources.default.password", "modelops",
                "flyway.datasources.default.password", "modelops_owner");
    }

    /** The service's context as it runs in production: no `dev` or `test` environment, the test database. */
    private static ApplicationContext production(Map<String, Object> properties) {
        var all = new HashMap<String, Object>(properties);
        all.put("datasources.default.url", Objects.requireNonNullElse(System.getenv("TEST_DATABASE_URL"),
                "jdbc:postgresql://127.0.0.1:5432/modelops_test"));
        all.put("governance.workflow.async-executor", "false");
        all.put("governance.audit.checkpoint-interval", "1h");
        return ApplicationContext.builder().deduceEnvironment(false).environments("production").properties(all)
                .build();
    }
}
