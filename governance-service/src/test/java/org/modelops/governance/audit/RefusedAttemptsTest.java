package org.modelops.governance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;

@MicronautTest
class RefusedAttemptsTest extends ServiceTest {

    private static final int LIMIT = 3;

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        properties.put("governance.audit.refused-attempts.limit", Integer.toString(LIMIT));
        properties.put("governance.audit.refused-attempts.window", "2s");
        properties.put("governance.audit.refused-attempts.flush-interval", "500ms");
        return properties;
    }

    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    @Test
    void aBurstOfRefusedAttemptsIsThrottledAndRecordedAsOneEventWithItsCount() throws Exception {
        var mallory = uniqueName("mallory");
        var token = IDP.tokenFor(mallory, "domain-expert");
        for (int i = 0; i < LIMIT; i++) {
            assertThat(api().get("/api/v1/audit", token).status()).isEqualTo(403);
        }
        for (int i = 0; i < 5; i++) {
            var throttled = api().get("/api/v1/audit/verify", token);
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.contentType()).startsWith("application/problem+json");
            assertThat(throttled.field("type")).isEqualTo("/problems/too-many-refused-attempts");
            assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(
                    value -> assertThat(Integer.parseInt(value)).isBetween(1, 2));
        }
        assertThat(api().get("/api/v1/models", token).status()).as("allowed calls are not throttled").isEqualTo(200);
        assertThat(denied(mallory)).isEqualTo(LIMIT);

        var aggregated = "SELECT count(*) FROM audit_events WHERE action = 'access.throttled' AND actor_username = ?"
                + " AND (details ->> 'count')::int = 5 AND details -> 'endpoints' @> '[\"GET /api/v1/audit/verify\"]'";
        var deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Database.count(aggregated, mallory) == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(Database.count(aggregated, mallory)).isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE actor_username = ?", mallory))
                .isEqualTo(LIMIT + 1);

        assertThat(api().get("/api/v1/audit", token).status()).as("a new window").isEqualTo(403);
        assertThat(denied(mallory)).isEqualTo(LIMIT + 1);
    }

    @Test
    void oneCallersBurstDoesNotThrottleAnother() {
        var first = IDP.tokenFor(uniqueName("eve"), "domain-expert");
        for (int i = 0; i <= LIMIT; i++) {
            api().get("/api/v1/audit", first);
        }
        assertThat(api().get("/api/v1/audit", first).status()).isEqualTo(429);
        assertThat(api().get("/api/v1/audit", IDP.tokenFor(uniqueName("trent"), "domain-expert")).status())
                .isEqualTo(403);
    }

    @Test
    void aRefusedAttemptOnAVeryLongPathIsRecordedWithThePathShortenedAndItsDigest() {
        var oscar = uniqueName("oscar");
        var path = "/api/v1/models/" + "x".repeat(2000) + "/rollback";
        var response = api().post(path, IDP.tokenFor(oscar, "ml-engineer"), "{\"reason\": \"because\"}");
        assertThat(response.status()).isEqualTo(403);
        assertThat(denied(oscar)).isEqualTo(1);
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE actor_username = ? AND length(subject_id)"
                + " <= 300 AND subject_id LIKE 'POST /api/v1/models/xxx%' AND (details ->> 'pathLength')::int = ?"
                + " AND details ->> 'pathSha256' = ?", oscar, path.length(), sha256(path))).isEqualTo(1);
    }

    private static long denied(String username) {
        return Database.count("SELECT count(*) FROM audit_events WHERE action = 'access.denied' AND actor_username = ?",
                username);
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
