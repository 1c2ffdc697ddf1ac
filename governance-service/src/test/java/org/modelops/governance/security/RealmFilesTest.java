package org.modelops.governance.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.modelops.governance.testing.TestIdentityProvider;

/**
 * The Keycloak realm files give the service's callers tokens the service accepts (its audience in access tokens
 * only), and the production realm has none of the development realm's shortcuts.
 */
class RealmFilesTest {

    private static final Path REALMS = Path.of("..", "deploy", "keycloak");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"modelops-realm.json", "realm-production.json"})
    void everyClientThatCallsTheServiceGetsItsAudienceInAccessTokensOnly(String file) throws IOException {
        var realm = read(file);
        for (var clientId : List.of("portal", "ci-pipeline", "modelops-cli")) {
            var mappers = client(realm, clientId).path("protocolMappers");
            var audience = new ArrayList<JsonNode>();
            mappers.forEach(mapper -> {
                if ("oidc-audience-mapper".equals(mapper.path("protocolMapper").asText())) {
                    audience.add(mapper.path("config"));
                }
            });
            assertThat(audience).as(file + " " + clientId).singleElement().satisfies(config -> {
                assertThat(config.path("included.custom.audience").asText()).isEqualTo(TestIdentityProvider.AUDIENCE);
                assertThat(config.path("access.token.claim").asText()).isEqualTo("true");
                assertThat(config.path("id.token.claim").asText()).isEqualTo("false");
            });
        }
    }

    @Test
    void theProductionRealmLocksOutGuessersRequiresStrongPasswordsAndRecordsEvents() throws IOException {
        var realm = read("realm-production.json");
        assertThat(realm.path("realm").asText()).isEqualTo("modelops");
        assertThat(realm.path("sslRequired").asText()).isEqualTo("external");
        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.path("failureFactor").asInt()).isBetween(1, 10);
        assertThat(realm.path("passwordPolicy").asText()).contains("length(12)", "notUsername");
        assertThat(realm.path("eventsEnabled").asBoolean()).isTrue();
        assertThat(realm.path("adminEventsEnabled").asBoolean()).isTrue();
    }

    @Test
    void theProductionRealmHasNoPasswordGrantNoDemoUsersAndNoDevelopmentSecrets() throws IOException {
        var realm = read("realm-production.json");
        realm.path("clients").forEach(client -> {
            if (client.path("publicClient").asBoolean()) {
                assertThat(client.path("directAccessGrantsEnabled").asBoolean()).as(client.path("clientId").asText())
                        .isFalse();
            }
            assertThat(client.path("secret").asText("")).doesNotEndWith("-secret");
            client.path("redirectUris").forEach(uri -> assertThat(uri.asText()).doesNotContain("localhost:8081"));
        });
        realm.path("users").forEach(user -> {
            assertThat(user.has("serviceAccountClientId")).as(user.path("username").asText()).isTrue();
            assertThat(user.has("credentials")).isFalse();
        });
    }

    @Test
    void theDevelopmentRealmKeepsItsPasswordGrantForTheCliMarkedAsDevelopmentOnly() throws IOException {
        var cli = client(read("modelops-realm.json"), "modelops-cli");
        assertThat(cli.path("directAccessGrantsEnabled").asBoolean()).isTrue();
        assertThat(cli.path("description").asText()).startsWith("DEVELOPMENT ONLY");
    }

    private static JsonNode read(String file) throws IOException {
        return JSON.readTree(REALMS.resolve(file).toFile());
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        for (var client : realm.path("clients")) {
            if (clientId.equals(client.path("clientId").asText())) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId);
    }
}
