package org.modelops.cli.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelops.cli.ExitCode;
import org.modelops.cli.Run;
import org.modelops.cli.StandIn;
import org.modelops.cli.http.Json;

/**
 * What the client sends and prints, against a stand-in answering in the service's shapes (the real service: the
 * end-to-end test SubmitAndWaitIT).
 */
class SubmitCommandTest {

    @TempDir
    Path dir;

    private static final String REJECTED = """
            {"model":"m","version":3,"state":"REJECTED","stateReason":"validation: auc is 0.66, below the minimum 0.7",
             "evidenceSha256":"cec9ee5d78f7dd97c38397f4770cee9f778ea04e12f6e9e3823a65bbc3d391d8",
             "policy":{"name":"medium-risk","version":1,"sha256":"51cd"},
             "validation":{"stage":"validation","outcome":"FAILED","rules":[
               {"rule":"required-metadata:description","kind":"metadata","passed":true,"message":"description is given"},
               {"rule":"kpi:auc","kind":"kpi","passed":false,"actual":"0.66","threshold":">= 0.7",
                "message":"auc is 0.66, below the minimum 0.7"}]},
             "challenge":null}""";

    @Test
    void aRejectedVersionExitsThreeWithItsFailedRulesAndEvidenceHash() throws Exception {
        var reads = new AtomicInteger();
        try (var service = new StandIn(request -> {
            if (request.method().equals("POST")) {
                return StandIn.Answer.json(201, "{\"model\":\"m\",\"version\":3,\"state\":\"VALIDATING\"}");
            }
            return StandIn.Answer.json(200, reads.incrementAndGet() < 2
                    ? "{\"model\":\"m\",\"version\":3,\"state\":\"VALIDATING\"}"
                    : REJECTED);
        })) {
            var evidence = Files.writeString(dir.resolve("evidence.yaml"), "artifactUri: s3://m/3\nframework: x\n");
            var result = Run.of(Map.of("MODELOPS_URL", service.url(), "MODELOPS_TOKEN", "t"), dir, Clock.systemUTC(),
                    d -> {
                    }, "submit", "m", "--evidence", evidence.toString(), "--wait", "--require", "approved");
            assertThat(result.exit).as(result.toString()).isEqualTo(ExitCode.REJECTED);
            assertThat(result.err).contains("REJECTED: m v3 will not be approved")
                    .contains("failed validation kpi:auc: auc is 0.66, below the minimum 0.7 (0.66, needs >= 0.7)")
                    .contains("evidence sha256 cec9ee5d").doesNotContain("required-metadata:description");
            var post = service.requests().getFirst();
            assertThat(post.path()).isEqualTo("/api/v1/models/m/versions");
            assertThat(post.header("Idempotency-Key")).startsWith("modelops-cli-");
            assertThat(post.header("Content-Type")).isEqualTo("application/json");
            assertThat(Json.parse(post.body()).path("framework").asText()).isEqualTo("x");
            assertThat(service.requests().get(1).path()).isEqualTo("/api/v1/models/m/versions/3");
        }
    }

    @Test
    void jsonOutputCarriesTheOutcomeAndTheSameKeyOnARetry() throws Exception {
        try (var service = new StandIn(request -> request.method().equals("POST")
                ? StandIn.Answer.json(201, "{\"model\":\"m\",\"version\":1,\"state\":\"PENDING_APPROVAL\","
                        + "\"evidenceSha256\":\"ab\"}")
                : StandIn.Answer.json(200, "{\"model\":\"m\",\"version\":1,\"state\":\"PENDING_APPROVAL\"}"))) {
            var evidence = Files.writeString(dir.resolve("e.json"), "{\"framework\": \"x\"}");
            var env = Map.of("MODELOPS_URL", service.url(), "MODELOPS_TOKEN", "t");
            var first = Run.of(env, dir, "submit", "m", "-e", evidence.toString(), "--wait", "--json");
            var second = Run.of(env, dir, "submit", "m", "-e", evidence.toString(), "--json");
            assertThat(first.exit).isZero();
            var out = Json.parse(first.out);
            assertThat(out.path("outcome").asText()).isEqualTo("met");
            assertThat(out.path("required").asText()).isEqualTo("validated");
            assertThat(out.path("exitCode").asInt()).isZero();
            assertThat(Json.parse(second.out).path("idempotencyKey")).isEqualTo(out.path("idempotencyKey"));
        }
    }

    @Test
    void aRefusedSubmissionNamesTheFieldsAndExitsOne() throws Exception {
        try (var service = new StandIn(request -> new StandIn.Answer(400, "application/problem+json", """
                {"type":"/problems/invalid-request","status":400,"detail":"1 field is invalid",
                 "errors":[{"field":"artifactSha256","rule":"required","message":"is required"}]}"""))) {
            var evidence = Files.writeString(dir.resolve("e.yaml"), "framework: x\n");
            var result = Run.of(Map.of("MODELOPS_URL", service.url(), "MODELOPS_TOKEN", "t"), dir, "submit", "m",
                    "--evidence", evidence.toString(), "--wait");
            assertThat(result.exit).isEqualTo(ExitCode.REFUSED);
            assertThat(result.err).contains("artifactSha256 (required)");
        }
    }
}
