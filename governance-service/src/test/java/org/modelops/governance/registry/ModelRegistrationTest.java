package org.modelops.governance.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.modelops.governance.testing.Api;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;

@MicronautTest
class ModelRegistrationTest extends ServiceTest {

    @Test
    void anMlEngineerRegistersAModelAndEveryoneCanReadIt() {
        var name = uniqueName("credit-risk");
        var created = api().post("/api/v1/models", erin(), registration(name, "HIGH"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/models/" + name);
        assertThat(created.field("riskTier")).isEqualTo("HIGH");
        assertThat(created.field("createdBy")).isEqualTo("erin");

        var read = api().get("/api/v1/models/" + name, dana());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.field("ownerTeam")).isEqualTo("risk-analytics");
        assertThat(read.json().path("tags").path("domain").asText()).isEqualTo("lending");
        assertThat(read.json().path("latestVersion").asInt()).isZero();
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE action = 'model.registered'"
                + " AND subject_id = ? AND actor_username = 'erin'", name)).isEqualTo(1);
    }

    @Test
    void aRegistrantWhoIsNotAMemberOfTheOwnerTeamIsRefusedAndTheAttemptIsAudited() {
        var name = uniqueName("not-mine");
        var outsider = IDP.tokenForTeamMember("erin", List.of("customer-insights"), "ml-engineer");
        var response = api().post("/api/v1/models", outsider, registration(name, "LOW"));
        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.field("type")).isEqualTo("/problems/not-a-team-member");
        assertThat(response.field("detail")).contains("risk-analytics", "customer-insights");
        assertThat(Database.count("SELECT count(*) FROM registered_models WHERE name = ?", name)).isZero();
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE action = 'model.registration-refused'"
                + " AND subject_id = ? AND details->>'ownerTeam' = 'risk-analytics'", name)).isEqualTo(1);
    }

    @Test
    void aCallerInNoTeamRegistersNothing() {
        var name = uniqueName("no-team");
        var response = api().post("/api/v1/models", IDP.tokenFor("erin", "ml-engineer"), registration(name, "LOW"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.field("type")).isEqualTo("/problems/not-a-team-member");
        assertThat(Database.count("SELECT count(*) FROM registered_models WHERE name = ?", name)).isZero();
    }

    @Test
    void aSecondModelWithTheSameNameIsAConflict() {
        var name = uniqueName("dup");
        assertThat(api().post("/api/v1/models", erin(), registration(name, "LOW")).status()).isEqualTo(201);
        var again = api().post("/api/v1/models", erin(), registration(name, "HIGH"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.field("type")).isEqualTo("/problems/model-name-taken");
        assertThat(again.field("detail")).contains(name);
        assertThat(api().get("/api/v1/models/" + name, erin()).field("riskTier")).isEqualTo("LOW");
    }

    @Test
    void anUnknownModelIsNotFound() {
        var response = api().get("/api/v1/models/no-such-model", dana());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.field("type")).isEqualTo("/problems/model-not-found");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON         | {"name": "NAME", "ownerTeam": "t", "riskTier": "LOW"                  |           | json-syntax
            trailing garbage       | {"name": "NAME", "ownerTeam": "t", "riskTier": "LOW"} x               |           | json-syntax
            duplicate member       | {"name": "NAME", "name": "NAME", "ownerTeam": "t", "riskTier": "LOW"} |           | json-syntax
            not an object          | ["NAME"]                                                              |           | type
            unknown field          | {"name": "NAME", "ownerTeam": "t", "riskTier": "LOW", "colour": "red"}| colour    | unknown-field
            missing field          | {"name": "NAME", "riskTier": "LOW"}                                   | ownerTeam | required
            wrong type             | {"name": "NAME", "ownerTeam": 42, "riskTier": "LOW"}                  | ownerTeam | type
            unknown risk tier      | {"name": "NAME", "ownerTeam": "t", "riskTier": "EXTREME"}             | riskTier  | enum
            upper-case name        | {"name": "Credit-NAME", "ownerTeam": "t", "riskTier": "LOW"}          | name      | pattern
            over-long name         | {"name": "NAME-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ownerTeam": "t", "riskTier": "LOW"} | name | maxLength
            tag value not a string | {"name": "NAME", "ownerTeam": "t", "riskTier": "LOW", "tags": {"a": 1}} | tags.a  | type
            """)
    void badRegistrationsAreRefusedNamingTheFieldAndRuleAndWriteNothing(String caseName, String body, String field,
            String rule) {
        var name = uniqueName("bad");
        var response = api().post("/api/v1/models", erin(), body.replace("NAME", name));
        assertProblem(response, field == null ? "" : field, rule);
        assertThat(Database.count("SELECT count(*) FROM registered_models WHERE name LIKE ?", "%" + name + "%"))
                .isZero();
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE subject_id LIKE ?", "%" + name + "%"))
                .isZero();
    }

    @Test
    void anEmptyBodyIsRefused() {
        assertProblem(api().post("/api/v1/models", erin(), ""), "", "required");
    }

    static void assertProblem(Api.Response response, String field, String rule) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.field("type")).isEqualTo("/problems/invalid-request");
        assertThat(response.json().path("errors")).as(response.body()).anySatisfy(error -> {
            assertThat(error.path("field").asText()).isEqualTo(field);
            assertThat(error.path("rule").asText()).isEqualTo(rule);
            assertThat(error.path("message").asText()).isNotBlank();
        });
    }
}
