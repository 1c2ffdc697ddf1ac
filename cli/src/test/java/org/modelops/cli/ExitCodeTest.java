package org.modelops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelops.cli.http.HttpError;
import org.modelops.cli.http.Json;

/** Every way a call can fail maps to its own exit code. */
class ExitCodeTest {

    @TempDir
    Path dir;

    @Test
    void statusesMapToDistinctCodes() {
        assertThat(ExitCode.forStatus(400)).isEqualTo(ExitCode.REFUSED);
        assertThat(ExitCode.forStatus(409)).isEqualTo(ExitCode.REFUSED);
        assertThat(ExitCode.forStatus(422)).isEqualTo(ExitCode.REFUSED);
        assertThat(ExitCode.forStatus(401)).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(ExitCode.forStatus(403)).isEqualTo(ExitCode.FORBIDDEN);
        assertThat(ExitCode.forStatus(404)).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(ExitCode.forStatus(429)).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(ExitCode.forStatus(500)).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(ExitCode.forStatus(503)).isEqualTo(ExitCode.UNAVAILABLE);
    }

    @Test
    void theCodesAreDistinct() {
        var codes = java.util.List.of(ExitCode.OK, ExitCode.REFUSED, ExitCode.USAGE, ExitCode.REJECTED,
                ExitCode.TIMED_OUT, ExitCode.AUTHENTICATION, ExitCode.FORBIDDEN, ExitCode.NOT_FOUND,
                ExitCode.UNAVAILABLE, ExitCode.NOT_VERIFIED);
        assertThat(codes).doesNotHaveDuplicates();
    }

    @Test
    void aProblemNamesItsTypeDetailAndEachField() {
        var problem = Json.parse("""
                {"type":"/problems/invalid-request","status":400,"detail":"2 fields are invalid",
                 "errors":[{"field":"artifactSha256","rule":"pattern","message":"does not match"},
                           {"field":"metrics.auc","rule":"type","message":"string found, number expected"}]}""");
        var error = new HttpError(400, problem, "submitting");
        assertThat(error.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(error.getMessage()).contains("/problems/invalid-request").contains("2 fields are invalid")
                .contains("artifactSha256 (pattern)").contains("metrics.auc (type)");
    }

    @Test
    void serviceAnswersBecomeExitCodes() throws Exception {
        try (var service = new StandIn(request -> switch (request.path()) {
            case "/api/v1/models/missing" -> StandIn.Answer.json(404, "{\"type\":\"/problems/model-not-found\"}");
            case "/api/v1/models/secret" -> StandIn.Answer.json(403, "{\"type\":\"/problems/forbidden\"}");
            case "/api/v1/models/expired" -> StandIn.Answer.json(401, "{\"type\":\"/problems/unauthorized\"}");
            default -> new StandIn.Answer(503, "text/html", "<html>down</html>");
        })) {
            var env = Map.of("MODELOPS_URL", service.url(), "MODELOPS_TOKEN", "t");
            assertThat(Run.of(env, dir, "status", "missing").exit).isEqualTo(ExitCode.NOT_FOUND);
            assertThat(Run.of(env, dir, "status", "secret").exit).isEqualTo(ExitCode.FORBIDDEN);
            assertThat(Run.of(env, dir, "status", "expired").exit).isEqualTo(ExitCode.AUTHENTICATION);
            var down = Run.of(env, dir, "status", "down");
            assertThat(down.exit).isEqualTo(ExitCode.UNAVAILABLE);
            assertThat(down.err).contains("HTTP 503");
            assertThat(service.requests()).allSatisfy(request -> assertThat(request.header("Authorization"))
                    .isEqualTo("Bearer t"));
        }
    }

    @Test
    void nothingListeningIsUnavailable() {
        var result = Run.of(Map.of("MODELOPS_URL", "http://127.0.0.1:9", "MODELOPS_TOKEN", "t"), dir, "status",
                "m");
        assertThat(result.exit).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(result.err).contains("cannot reach http://127.0.0.1:9");
    }

    @Test
    void notLoggedInIsAnAuthenticationFailure() {
        var result = Run.of(Map.of("MODELOPS_URL", "http://127.0.0.1:9"), dir, "status", "m");
        assertThat(result.exit).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(result.err).contains("modelops login");
    }
}
