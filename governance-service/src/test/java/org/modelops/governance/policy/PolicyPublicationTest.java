package org.modelops.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.modelops.governance.testing.Api;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;

/** Publication through the API and seeding at start-up, against the running service and its database. */
@MicronautTest(transactional = false)
class PolicyPublicationTest extends ServiceTest {

    private static final String SEEDED = uniqueName("seeded");

    private static final Path DIRECTORY = directory();

    @Inject
    PolicyBootstrap bootstrap;

    private static Path directory() {
        try {
            var directory = Files.createTempDirectory("policies");
            Files.writeString(directory.resolve(SEEDED + ".yaml"), policy(SEEDED, 1));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        properties.put("governance.policies.directory", DIRECTORY.toString());
        return properties;
    }

    @AfterAll
    static void removeDirectory() throws IOException {
        try (var files = Files.list(DIRECTORY)) {
            for (var file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(DIRECTORY);
    }

    private static String ada() {
        return IDP.tokenFor("ada", "governance-admin");
    }

    private static String policy(String name, int approvals, String... models) {
        return """
                name: %s
                appliesTo:
                  models: [%s]
                approvals:
                  count: %d
                  roles: [domain-expert]
                  reminderAfter: PT24H
                rollout:
                  strategy: STAGED
                  steps:
                    - { percent: 10, bake: PT30M }
                """.formatted(name, models.length == 0 ? name + "-model" : String.join(", ", models), approvals);
    }

    private static void write(String file, String text) throws IOException {
        Files.writeString(DIRECTORY.resolve(file), text);
    }

    private void restart() {
        bootstrap.onApplicationEvent(new StartupEvent(server.getApplicationContext()));
    }

    private Api.Response publish(String yaml) {
        return api().post("/api/v1/policies", ada(), yaml, Map.of("Content-Type", "application/yaml"));
    }

    private Api.Response history(String name) {
        return api().get("/api/v1/policies/" + name, dana());
    }

    private static long publications(String name) {
        return Database.count("SELECT count(*) FROM audit_events WHERE action = 'policy.published'"
                + " AND subject_id = ?", name);
    }

    @Test
    void aRestartKeepsTheVersionAnAdminPublished() throws IOException {
        var seeded = history(SEEDED).json();
        assertThat(seeded.path("versions")).hasSize(1);
        assertThat(seeded.path("latest").path("publishedBy").asText()).isEqualTo("system");

        var edited = publish(policy(SEEDED, 2));
        assertThat(edited.status()).as(edited.body()).isEqualTo(201);
        assertThat(edited.json().path("version").asInt()).isEqualTo(2);

        write(SEEDED + ".yaml", policy(SEEDED, 3));
        restart();
        var afterChangedFile = history(SEEDED).json();
        assertThat(afterChangedFile.path("versions")).hasSize(2);
        assertThat(afterChangedFile.path("latest").path("publishedBy").asText()).isEqualTo("ada");
        assertThat(afterChangedFile.path("latest").path("content").asText()).contains("count: 2");

        write(SEEDED + ".yaml", policy(SEEDED, 1));
        restart();
        assertThat(history(SEEDED).json().path("versions")).as("the file is version 1 again").hasSize(2);
        assertThat(publications(SEEDED)).isEqualTo(2);
    }

    @Test
    void aFileForANewPolicyIsSeededOnce() throws IOException {
        var name = uniqueName("fresh");
        write(name + ".yaml", policy(name, 1));

        restart();
        restart();

        var response = history(name);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var history = response.json();
        assertThat(history.path("versions")).hasSize(1);
        assertThat(history.path("latest").path("publishedBy").asText()).isEqualTo("system");
        assertThat(publications(name)).isEqualTo(1);
    }

    @Test
    void aFileThatOverlapsAStoredPolicyIsLeftOutAndStartUpGoesOn() throws IOException {
        var name = uniqueName("clash");
        write(name + ".yaml", policy(SEEDED, 1).replace("name: " + SEEDED, "name: " + name));

        restart();

        assertThat(history(name).status()).isEqualTo(404);
        assertThat(history(SEEDED).status()).isEqualTo(200);
        Files.delete(DIRECTORY.resolve(name + ".yaml"));
    }

    @Test
    void aPolicyCoveringAModelAnotherPolicyGovernsIsRefusedNamingIt() {
        var first = uniqueName("first");
        var second = uniqueName("second");
        var model = uniqueName("shared");
        assertThat(publish(policy(first, 1, model)).status()).isEqualTo(201);

        var refused = publish(policy(second, 1, second + "-model", model));

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.field("type")).isEqualTo("/problems/policy-overlap");
        assertThat(refused.field("detail")).contains("'" + first + "'", "model " + model);
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("appliesTo.models");
        assertThat(refused.json().path("errors").get(0).path("rule").asText()).isEqualTo("overlap");
        assertThat(history(second).status()).isEqualTo(404);
    }

    @Test
    void aNewVersionOfTheSamePolicyMayKeepAndWidenWhatItCovers() {
        var name = uniqueName("widen");
        var model = uniqueName("kept");
        assertThat(publish(policy(name, 1, model)).status()).isEqualTo(201);

        var widened = publish(policy(name, 1, model, uniqueName("added")));

        assertThat(widened.status()).as(widened.body()).isEqualTo(201);
        assertThat(widened.json().path("version").asInt()).isEqualTo(2);
    }

    @Test
    void aSecondPolicyForARiskTierIsRefusedNamingTheOneThatGovernsIt() {
        var name = uniqueName("tier");
        var refused = publish(policy(name, 1).replace("models: [" + name + "-model]", "riskTiers: [LOW, HIGH]"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.field("detail")).contains("'high-risk'", "risk tier HIGH");
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("appliesTo.riskTiers");
    }

    @Test
    void aDuplicateKeyIsRefusedAndNothingIsStored() {
        var name = uniqueName("dup");
        var refused = publish(policy(name, 2).replace("  count: 2\n", "  count: 2\n  count: 0\n"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("approvals.count");
        assertThat(refused.json().path("errors").get(0).path("rule").asText()).isEqualTo("duplicate-key");
        assertThat(history(name).status()).isEqualTo(404);
    }

    @Test
    void aRolloutTheLifecycleCannotRunIsRefused() {
        var name = uniqueName("plan");
        var canary = publish(policy(name, 1).replace("strategy: STAGED", "strategy: CANARY"));
        assertThat(canary.status()).isEqualTo(400);
        assertThat(canary.json().path("errors").get(0).path("field").asText()).isEqualTo("rollout.strategy");

        var noBake = publish(policy(name, 1).replace("bake: PT30M", "bake: PT0S"));
        assertThat(noBake.status()).isEqualTo(400);
        assertThat(noBake.json().path("errors").get(0).path("field").asText()).isEqualTo("rollout.steps[0].bake");
        assertThat(noBake.json().path("errors").get(0).path("rule").asText()).isEqualTo("duration");

        var noReminder = publish(policy(name, 1).replace("reminderAfter: PT24H", "reminderAfter: PT"));
        assertThat(noReminder.status()).isEqualTo(400);
        assertThat(noReminder.json().path("errors").get(0).path("field").asText())
                .isEqualTo("approvals.reminderAfter");
    }
}
