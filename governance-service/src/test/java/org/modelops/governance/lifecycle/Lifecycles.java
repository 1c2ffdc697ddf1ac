package org.modelops.governance.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.modelops.governance.testing.Api;
import org.modelops.governance.testing.TestIdentityProvider;

/** Drives lifecycles through the API and waits for their asynchronous steps. */
public final class Lifecycles {

    private static final TestIdentityProvider IDP = TestIdentityProvider.get();
    private final Api api;

    public Lifecycles(Api api) {
        this.api = api;
    }

    public static String dana() {
        return IDP.tokenFor("dana", "domain-expert");
    }

    public static String ada() {
        return IDP.tokenFor("ada", "governance-admin");
    }

    public JsonNode awaitState(String name, int version, String state) {
        var deadline = Instant.now().plus(Duration.ofSeconds(40));
        JsonNode current;
        do {
            current = api.get("/api/v1/models/" + name + "/versions/" + version, dana()).json();
            if (state.equals(current.path("state").asText())) {
                return current;
            }
            sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("version " + name + "/" + version + " did not reach " + state + ": " + current);
    }

    public String approveAs(String token, String name, int version) {
        var deadline = Instant.now().plus(Duration.ofSeconds(10));
        do {
            for (var task : api.get("/api/v1/tasks?model=" + name, token).json().path("items")) {
                if (task.path("model").asText().equals(name) && task.path("version").asInt() == version) {
                    var decided = api.post("/api/v1/tasks/" + task.path("id").asText() + "/decision", token,
                            "{\"decision\": \"APPROVE\", \"comment\": \"Evidence complete\"}");
                    assertThat(decided.status()).as(decided.body()).isEqualTo(200);
                    return task.path("id").asText();
                }
            }
            sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("no task for " + name + "/" + version);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
