package org.modelops.governance.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.modelops.governance.testing.ServiceTest;

@MicronautTest
class ManagementEndpointsTest extends ServiceTest {

    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/beans", "/threaddump", "/env", "/loggers", "/routes", "/info", "/refresh", "/caches",
            "/stop"})
    void managementEndpointsOtherThanHealthAndMetricsAreOff(String path) {
        assertThat(api().get(path, null).status()).isIn(401, 404);
        var asAdmin = api().get(path, IDP.tokenFor("ada", "governance-admin"));
        assertThat(asAdmin.status()).as(path + ": " + asAdmin.body()).isEqualTo(404);
        assertThat(asAdmin.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anonymousHealthSaysUpWithoutDetailsAndTheOperatorRoleSeesThem() {
        var anonymous = api().get("/health", null);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().path("status").asText()).isEqualTo("UP");
        assertThat(anonymous.json().has("details")).isFalse();
        var otherRole = api().get("/health", dana());
        assertThat(otherRole.json().has("details")).isFalse();
        var operator = api().get("/health", IDP.tokenFor("ada", "governance-admin"));
        assertThat(operator.json().path("details").path("jdbc").path("status").asText()).isEqualTo("UP");
        assertThat(operator.json().path("details").path("workflow").path("status").asText()).isEqualTo("UP");
    }
}
