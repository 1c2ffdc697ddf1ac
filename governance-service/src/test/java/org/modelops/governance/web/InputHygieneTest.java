package org.modelops.governance.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelops.governance.testing.Problems.assertInvalid;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;

/**
 * Every request body is read once, by {@link JsonRequests}: what it refuses here it refuses on every endpoint, and no
 * input reaches the database in a form it would alter or choke on.
 */
@MicronautTest
class InputHygieneTest extends ServiceTest {

    private String model;

    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    @BeforeAll
    void aModelWithAVersion() {
        model = uniqueName("hygiene");
        assertThat(api().post("/api/v1/models", erin(), registration(model, "LOW")).status()).isEqualTo(201);
        assertThat(api().post("/api/v1/models/" + model + "/versions", erin(), submission(0.9)).status())
                .isEqualTo(201);
    }

    private static String ada() {
        return IDP.tokenFor("ada", "governance-admin");
    }

    private String tokenFor(String who) {
        return switch (who) {
            case "erin" -> erin();
            case "dana" -> dana();
            case "ada" -> ada();
            default -> throw new IllegalArgumentException(who);
        };
    }

    private String path(String template) {
        return template.replace("MODEL", model);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            NUL in a registration's description | erin | /api/v1/models                          | {"name": "NEW", "ownerTeam": "risk-analytics", "riskTier": "LOW", "description": "a\\u0000b"} | description
            SOH in a tag's name                 | erin | /api/v1/models                          | {"name": "NEW", "ownerTeam": "risk-analytics", "riskTier": "LOW", "tags": {"te\\u0001am": "x"}} | tags.te\\u0001am
            ESC in a tag's value                | erin | /api/v1/models                          | {"name": "NEW", "ownerTeam": "risk-analytics", "riskTier": "LOW", "tags": {"team": "x\\u001b"}} | tags.team
            NUL in a hyperparameter             | erin | /api/v1/models/MODEL/versions           | {"artifactUri": "s3://m/1", "artifactSha256": "%s", "framework": "x", "params": {"note": "\\u0000"}} | params.note
            DEL-free but US in a slice name     | erin | /api/v1/models/MODEL/versions           | {"artifactUri": "s3://m/1", "artifactSha256": "%s", "framework": "x", "sliceMetrics": {"a\\u001fb": {"recall": 0.8}}} | sliceMetrics.a\\u001fb
            NUL in an evaluation's slice name   | erin | /api/v1/models/MODEL/versions/1/evaluations | {"evaluationData": {"uri": "s3://e", "sha256": "%s"}, "metrics": {"auc": 0.9}, "sliceMetrics": {"x\\u0000": {"auc": 0.9}}} | sliceMetrics.x\\u0000
            NUL in a decision's comment         | dana | /api/v1/tasks/no-such-task/decision      | {"decision": "REJECT", "comment": "no\\u0000"} | comment
            NUL in a rollback's reason          | dana | /api/v1/models/MODEL/rollback            | {"reason": "\\u0000"} | reason
            BEL in a retirement's reason        | dana | /api/v1/models/MODEL/versions/1/retire   | {"reason": "old\\u0007"} | reason
            NUL in a policy's description       | ada  | /api/v1/policies                        | {"name": "hygiene", "description": "\\u0000"} | description
            """)
    void aControlCharacterInAnyTextOfAnyBodyIsRefusedNamingTheField(String caseName, String who, String path,
            String body, String field) {
        var response = api().post(path(path), tokenFor(who),
                body.replace("NEW", uniqueName("never")).replace("%s", "a".repeat(64)));
        assertInvalid(response, field, "control-character");
        assertThat(response.json().path("errors").findValuesAsText("message")).anySatisfy(
                message -> assertThat(message).contains("U+00"));
    }

    @Test
    void tabLineFeedAndCarriageReturnAreTextAndAreKept() {
        var name = uniqueName("whitespace");
        var response = api().post("/api/v1/models", erin(), """
                {"name": "%s", "ownerTeam": "risk-analytics", "riskTier": "LOW",
                 "description": "line one\\r\\nline\\ttwo"}""".formatted(name));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(api().get("/api/v1/models/" + name, dana()).field("description"))
                .isEqualTo("line one\r\nline\ttwo");
    }

    @Test
    void aLoneSurrogateIsRefusedInsteadOfBeingStoredAsAQuestionMark() {
        var name = uniqueName("surrogate");
        var response = api().post("/api/v1/models", erin(), """
                {"name": "%s", "ownerTeam": "risk-analytics", "riskTier": "LOW",
                 "description": "broken \\ud800 text"}""".formatted(name));
        assertInvalid(response, "description", "unpaired-surrogate");
        assertThat(Database.count("SELECT count(*) FROM registered_models WHERE name = ?", name)).isZero();
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedInsteadOfBeingStoredAsReplacementCharacters() {
        var name = uniqueName("not-utf8");
        var prefix = """
                {"name": "%s", "ownerTeam": "risk-analytics", "riskTier": "LOW", "description": "caf""".formatted(name)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var suffix = "\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var body = new byte[prefix.length + 1 + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xE9;
        System.arraycopy(suffix, 0, body, prefix.length + 1, suffix.length);
        var response = api().postBytes("/api/v1/models", erin(), body);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(Database.count("SELECT count(*) FROM registered_models WHERE name = ?", name)).isZero();
    }

    @Test
    void anAnonymousCallerIsUnauthorizedBeforeAnyInputRuleAndAForbiddenOneForbidden() {
        assertThat(api().get("/api/v1/models?q=%00", null).status()).isEqualTo(401);
        assertThat(api().send("POST", "/api/v1/models", null, "{}", Map.of()).status()).isEqualTo(401);
        assertThat(api().send("POST", "/api/v1/policies", dana(), "{}", Map.of()).status()).isEqualTo(403);
    }

    @Test
    void aSurrogatePairIsOneCharacterAndIsKept() {
        var name = uniqueName("emoji");
        var response = api().post("/api/v1/models", erin(), """
                {"name": "%s", "ownerTeam": "risk-analytics", "riskTier": "LOW",
                 "description": "fast \\ud83d\\ude80"}""".formatted(name));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(api().get("/api/v1/models/" + name, dana()).field("description")).isEqualTo("fast \uD83D\uDE80");
    }

    @Test
    void aNumberThatUnderflowsADoubleIsRefusedInsteadOfBeingStoredAsZero() {
        var response = api().post("/api/v1/models/" + model + "/versions", erin(),
                submission(0.9).replace("\"f1\": 0.78", "\"f1\": 1e-400"));
        assertInvalid(response, "metrics.f1", "double-range");
        assertThat(Database.count("SELECT count(*) FROM model_versions v JOIN registered_models m"
                + " ON m.id = v.model_id WHERE m.name = ?", model)).isEqualTo(1);
    }

    @Test
    void aNumberThatOverflowsADoubleIsRefusedNamingTheField() {
        assertInvalid(api().post("/api/v1/models/" + model + "/versions", erin(),
                submission(0.9).replace("\"eta\": 0.1", "\"eta\": 1e400")), "params.eta", "double-range");
        assertInvalid(api().post("/api/v1/policies", ada(), """
                {"name": "overflow", "appliesTo": {"riskTiers": ["LOW"]}, "kpis": {"auc": {"min": 1.0e+400}}}"""),
                "kpis.auc.min", "double-range");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            erin | /api/v1/models                              | {"name": "x", "ownerTeam": "risk-analytics", "riskTier": "LOW"}
            erin | /api/v1/models/MODEL/versions               | {"artifactUri": "s3://m/1"}
            erin | /api/v1/models/MODEL/versions/1/evaluations | {"metrics": {"auc": 0.9}}
            dana | /api/v1/tasks/no-such-task/decision          | {"decision": "APPROVE"}
            dana | /api/v1/models/MODEL/rollback               | {"reason": "r"}
            dana | /api/v1/models/MODEL/versions/1/retire      | {"reason": "r"}
            ada  | /api/v1/policies                            | {"name": "no-content-type"}
            """)
    void aBodyWithoutAContentTypeIsUnsupported(String who, String path, String body) {
        var response = api().send("POST", path(path), tokenFor(who), body, Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.field("type")).isEqualTo("/problems/unsupported-media-type");
        assertThat(response.field("detail")).contains("Content-Type");
    }

    @Test
    void aBodyOfAnotherMediaTypeIsUnsupported() {
        var response = api().send("POST", "/api/v1/models", erin(), "{}", Map.of("Content-Type", "text/plain"));
        assertThat(response.status()).as(response.body()).isEqualTo(415);
        assertThat(response.field("type")).isEqualTo("/problems/unsupported-media-type");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            dana | /api/v1/models?q=a%00b                  | q
            dana | /api/v1/models?tag=team%3D%01           | tag
            dana | /api/v1/models/MODEL/versions?state=%00 | state
            ada  | /api/v1/audit?actor=%00                 | actor
            ada  | /api/v1/audit?model=%1b                 | model
            dana | /api/v1/models?a%00b=1                  | a\\u0000b
            """)
    void aControlCharacterInAQueryParameterIsRefusedNamingIt(String who, String path, String parameter) {
        assertInvalid(api().get(path(path), tokenFor(who)), parameter, "control-character");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GET  | /api/v1/models/a%00b
            GET  | /api/v1/policies/a%00b
            GET  | /api/v1/policies/a%00b/versions/1
            POST | /api/v1/tasks/a%00b/decision
            GET  | /api/v1/models/MODEL/versions/1%00
            GET  | /api/v1/models/a%ffb
            GET  | /schemas/a%00b.json
            """)
    void aPathWithAControlCharacterOrBrokenUtf8IsAClientErrorNeverAServerError(String method, String path) {
        var response = api().send(method, path(path), ada(), "POST".equals(method)
                ? "{\"decision\": \"APPROVE\"}"
                : null, "POST".equals(method) ? Map.of("Content-Type", "application/json") : Map.of());
        assertThat(response.status()).as(response.body()).isIn(400, 404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
