package org.modelops.governance.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.modelops.governance.testing.Api;
import org.modelops.governance.testing.ServiceTest;
import org.modelops.governance.testing.TcpProxy;

/** The service reaches PostgreSQL through a relay the test cuts: a lost database, then its return. */
@MicronautTest
class DatabaseLossTest extends ServiceTest {

    private static final String DATABASE_URL = System.getenv().getOrDefault("TEST_DATABASE_URL",
            "jdbc:postgresql://127.0.0.1:5432/modelops_test");
    private static final TcpProxy DATABASE = relayTo(DATABASE_URL);

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        var target = URI.create(DATABASE_URL.substring("jdbc:".length()));
        properties.put("datasources.default.url", DATABASE_URL.replace(":" + target.getPort() + "/",
                ":" + DATABASE.port() + "/"));
        properties.put("datasources.default.connection-timeout", "1500");
        return properties;
    }

    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    @AfterAll
    void restoreTheDatabase() {
        DATABASE.close();
    }

    @Test
    void aLostDatabaseIsAFastClear503AndTheServiceRecoversWithoutARestart() throws Exception {
        assertThat(api().get("/api/v1/models", dana()).status()).isEqualTo(200);
        DATABASE.cut();
        try {
            var started = Instant.now();
            var lost = api().get("/api/v1/models", dana());
            assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(8));
            assertThat(lost.status()).as(lost.body()).isEqualTo(503);
            assertThat(lost.contentType()).startsWith("application/problem+json");
            assertThat(lost.field("type")).isEqualTo("/problems/database-unavailable");
            assertThat(lost.headers().firstValue("Retry-After")).isPresent();

            var health = api().get("/health", null);
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().path("status").asText()).isEqualTo("DOWN");
            assertThat(health.json().has("details")).as("anonymous callers see no details").isFalse();
            var operatorView = api().get("/health", IDP.tokenFor("ada", "governance-admin"));
            assertThat(operatorView.json().path("details").path("jdbc").path("status").asText()).isEqualTo("DOWN");
        } finally {
            DATABASE.restore();
        }
        var deadline = Instant.now().plus(Duration.ofSeconds(20));
        Api.Response back;
        do {
            Thread.sleep(250);
            back = api().get("/api/v1/models", dana());
        } while (back.status() != 200 && Instant.now().isBefore(deadline));
        assertThat(back.status()).isEqualTo(200);
        assertThat(api().get("/health", null).json().path("status").asText()).isEqualTo("UP");
    }

    private static TcpProxy relayTo(String jdbcUrl) {
        var target = URI.create(jdbcUrl.substring("jdbc:".length()));
        return new TcpProxy(target.getHost(), target.getPort());
    }
}
