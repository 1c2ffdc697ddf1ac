package org.modelops.governance.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelops.governance.testing.Problems.assertInvalid;

import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;

@MicronautTest
class ReclassificationTest extends ServiceTest {

    /** What the listener was told, one line per call; a reason containing "fail" makes it throw. */
    private final List<String> told = new CopyOnWriteArrayList<>();

    @MockBean(ReclassificationListener.class)
    ReclassificationListener recordingListener() {
        return (model, fromTier, toTier, fromTeam, toTeam, reason) -> {
            if (reason.contains("fail")) {
                throw new IllegalStateException("the listener failed");
            }
            told.add(String.join(" ", model, fromTier, toTier, fromTeam, toTeam, reason));
        };
    }

    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    private static String ada() {
        return IDP.tokenFor("ada", "governance-admin");
    }

    private String registered() {
        var name = uniqueName("reclassified");
        assertThat(api().post("/api/v1/models", erin(), registration(name, "LOW")).status()).isEqualTo(201);
        return name;
    }

    private static long events(String action, String name) {
        return Database.count("SELECT count(*) FROM audit_events WHERE action = ? AND subject_id = ?", action, name);
    }

    @Test
    void aGovernanceAdminChangesRiskTierAndOwnerTeamForAReasonAuditedWithFromAndTo() {
        var name = registered();
        var response = api().patch("/api/v1/models/" + name, ada(), """
                {"riskTier": "HIGH", "ownerTeam": "customer-insights", "reason": "Now decides credit limits"}""");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.field("riskTier")).isEqualTo("HIGH");
        assertThat(response.field("ownerTeam")).isEqualTo("customer-insights");
        var read = api().get("/api/v1/models/" + name, dana());
        assertThat(read.field("riskTier")).isEqualTo("HIGH");
        assertThat(read.field("ownerTeam")).isEqualTo("customer-insights");
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE action = 'model.reclassified'"
                + " AND subject_id = ? AND actor_username = 'ada' AND details->'from'->>'riskTier' = 'LOW'"
                + " AND details->'to'->>'riskTier' = 'HIGH' AND details->'from'->>'ownerTeam' = 'risk-analytics'"
                + " AND details->'to'->>'ownerTeam' = 'customer-insights'"
                + " AND details->>'reason' = 'Now decides credit limits'", name)).isEqualTo(1);
        assertThat(told).containsExactly(name + " LOW HIGH risk-analytics customer-insights Now decides credit limits");
    }

    @Test
    void eitherTheTierOrTheTeamAloneCanChange() {
        var name = registered();
        assertThat(api().patch("/api/v1/models/" + name, ada(), """
                {"riskTier": "MEDIUM", "reason": "r1"}""").field("ownerTeam")).isEqualTo("risk-analytics");
        var moved = api().patch("/api/v1/models/" + name, ada(), """
                {"ownerTeam": "payments-security", "reason": "r2"}""");
        assertThat(moved.field("riskTier")).isEqualTo("MEDIUM");
        assertThat(moved.field("ownerTeam")).isEqualTo("payments-security");
        assertThat(events("model.reclassified", name)).isEqualTo(2);
    }

    @Test
    void onlyAGovernanceAdminReclassifiesAndARefusedAttemptIsAudited() {
        var name = registered();
        for (var token : List.of(dana(), erin(), IDP.tokenFor("carl", "compliance-officer"))) {
            var response = api().patch("/api/v1/models/" + name, token, """
                    {"riskTier": "HIGH", "reason": "I would like it so"}""");
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.field("type")).isEqualTo("/problems/forbidden");
        }
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE action = 'access.denied'"
                + " AND subject_id = ?", "PATCH /api/v1/models/" + name)).isEqualTo(3);
        assertThat(api().get("/api/v1/models/" + name, dana()).field("riskTier")).isEqualTo("LOW");
        assertThat(events("model.reclassified", name)).isZero();
    }

    @Test
    void aReclassificationNeedsAReason() {
        var name = registered();
        assertInvalid(api().patch("/api/v1/models/" + name, ada(), "{\"riskTier\": \"HIGH\"}"), "reason",
                "required");
        assertInvalid(api().patch("/api/v1/models/" + name, ada(), "{\"riskTier\": \"HIGH\", \"reason\": \"  \"}"),
                "reason", "pattern");
        assertThat(api().get("/api/v1/models/" + name, dana()).field("riskTier")).isEqualTo("LOW");
    }

    @Test
    void aReclassificationNamesATierOrATeam() {
        var name = registered();
        var response = api().patch("/api/v1/models/" + name, ada(), "{\"reason\": \"nothing in particular\"}");
        assertInvalid(response, "", "required");
        assertThat(response.field("detail")).contains("riskTier", "ownerTeam");
        assertThat(events("model.reclassified", name)).isZero();
    }

    @Test
    void theNewOwnerTeamMustBeAKnownTeam() {
        var name = registered();
        var response = api().patch("/api/v1/models/" + name, ada(), """
                {"ownerTeam": "friends-of-ada", "reason": "They asked nicely"}""");
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.field("type")).isEqualTo("/problems/unknown-team");
        assertThat(response.field("detail")).contains("friends-of-ada", "risk-analytics");
        assertThat(api().get("/api/v1/models/" + name, dana()).field("ownerTeam")).isEqualTo("risk-analytics");
        assertThat(events("model.reclassified", name)).isZero();
    }

    @Test
    void anUnknownModelIsNotFound() {
        var response = api().patch("/api/v1/models/" + uniqueName("ghost"), ada(), """
                {"riskTier": "HIGH", "reason": "r"}""");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.field("type")).isEqualTo("/problems/model-not-found");
    }

    @Test
    void aReclassificationThatChangesNothingRecordsNothing() {
        var name = registered();
        var response = api().patch("/api/v1/models/" + name, ada(), """
                {"riskTier": "LOW", "ownerTeam": "risk-analytics", "reason": "Just checking"}""");
        assertThat(response.status()).isEqualTo(200);
        assertThat(events("model.reclassified", name)).isZero();
        assertThat(told).noneMatch(line -> line.startsWith(name + " "));
    }

    @Test
    void whenTheListenerFailsNothingIsReclassifiedAndNothingAudited() {
        var name = registered();
        var response = api().patch("/api/v1/models/" + name, ada(), """
                {"riskTier": "HIGH", "reason": "this will fail"}""");
        assertThat(response.status()).isEqualTo(500);
        assertThat(api().get("/api/v1/models/" + name, dana()).field("riskTier")).isEqualTo("LOW");
        assertThat(events("model.reclassified", name)).isZero();
    }
}
