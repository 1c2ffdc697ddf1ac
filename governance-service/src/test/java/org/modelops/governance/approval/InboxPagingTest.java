package org.modelops.governance.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelops.governance.lifecycle.Lifecycles;
import org.modelops.governance.testing.ServiceTest;

/**
 * The inbox pages, filters and counts in the database (it used to return every open decision at once), with the same
 * rules as before: offered to one of the caller's roles, never to the submitter or the owner team, not again to
 * someone who decided on the current evidence. Real PostgreSQL, the real BPMN file, real JWTs.
 */
@MicronautTest
class InboxPagingTest extends ServiceTest {

    private String many;
    private String high;

    @BeforeAll
    void thirtyOpenDecisionsOnOneModelAndOneOnAHighRiskModel() {
        many = uniqueName("inbox");
        high = uniqueName("inbox-high");
        assertThat(api().post("/api/v1/models", erin(), registration(many, "LOW")).status()).isEqualTo(201);
        assertThat(api().post("/api/v1/models", erin(), registration(high, "HIGH")).status()).isEqualTo(201);
        for (int i = 0; i < 30; i++) {
            var submitted = api().post("/api/v1/models/" + many + "/versions", erin(), submission(0.9));
            assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        }
        assertThat(api().post("/api/v1/models/" + high + "/versions", erin(), submission(0.91)).status())
                .isEqualTo(201);
        var lifecycles = new Lifecycles(api());
        for (int version = 1; version <= 30; version++) {
            lifecycles.awaitState(many, version, "PENDING_APPROVAL");
        }
        lifecycles.awaitState(high, 1, "PENDING_APPROVAL");
    }

    @Test
    void pagesOfTenCoverTheThirtyDecisionsOnceOldestFirstWithTheirTotal() {
        var ids = new ArrayList<String>();
        var versions = new ArrayList<Integer>();
        var created = new ArrayList<java.time.Instant>();
        for (int page = 0; page < 4; page++) {
            var body = api().get("/api/v1/tasks?model=" + many + "&size=10&page=" + page, dana()).json();
            assertThat(body.path("total").asLong()).isEqualTo(30);
            assertThat(body.path("page").asInt()).isEqualTo(page);
            assertThat(body.path("size").asInt()).isEqualTo(10);
            assertThat(body.path("items").size()).isEqualTo(page < 3 ? 10 : 0);
            body.path("items").forEach(task -> {
                ids.add(task.path("id").asText());
                versions.add(task.path("version").asInt());
                created.add(java.time.Instant.parse(task.path("createdAt").asText()));
                assertThat(task.path("model").asText()).isEqualTo(many);
            });
        }
        assertThat(new HashSet<>(ids)).hasSize(30);
        assertThat(versions).containsExactlyInAnyOrderElementsOf(range(1, 30));
        assertThat(created).as("oldest first").isSorted();
    }

    @Test
    void everyAnswerCountsTheHighRiskAndEscalatedDecisionsUnderItsFilters() {
        var all = api().get("/api/v1/tasks?size=1", dana()).json();
        var highTotal = api().get("/api/v1/tasks?riskTier=HIGH&size=1", dana()).json().path("total").asLong();
        var escalatedTotal = api().get("/api/v1/tasks?escalated=true&size=1", dana()).json().path("total").asLong();
        assertThat(all.path("highRisk").asLong()).isEqualTo(highTotal).isPositive();
        assertThat(all.path("escalated").asLong()).isEqualTo(escalatedTotal);
        assertThat(all.path("total").asLong()).isGreaterThanOrEqualTo(31);

        var lowModel = api().get("/api/v1/tasks?model=" + many + "&size=5&page=2", dana()).json();
        assertThat(lowModel.path("total").asLong()).isEqualTo(30);
        assertThat(lowModel.path("highRisk").asLong()).isZero();
        assertThat(lowModel.path("escalated").asLong()).isZero();
        var highModel = api().get("/api/v1/tasks?model=" + high, dana()).json();
        assertThat(highModel.path("total").asLong()).isEqualTo(1);
        assertThat(highModel.path("highRisk").asLong()).isEqualTo(1);
    }

    @Test
    void pastTheLastPageTheCountsStillHold() {
        var past = api().get("/api/v1/tasks?model=" + high + "&size=1&page=5", dana()).json();
        assertThat(past.path("items").size()).isZero();
        assertThat(past.path("total").asLong()).isEqualTo(1);
        assertThat(past.path("highRisk").asLong()).isEqualTo(1);
    }

    @Test
    void theDefaultPageHoldsTwenty() {
        var body = api().get("/api/v1/tasks?model=" + many, dana()).json();
        assertThat(body.path("total").asLong()).isEqualTo(30);
        assertThat(body.path("items").size()).isEqualTo(20);
    }

    @Test
    void filtersByRiskTier() {
        assertThat(api().get("/api/v1/tasks?model=" + many + "&riskTier=LOW", dana()).json().path("total").asLong())
                .isEqualTo(30);
        assertThat(api().get("/api/v1/tasks?model=" + many + "&riskTier=HIGH", dana()).json().path("total")
                .asLong()).isZero();
        var high = api().get("/api/v1/tasks?riskTier=HIGH&size=200", dana()).json();
        assertThat(high.path("items")).allSatisfy(task -> assertThat(task.path("riskTier").asText()).isEqualTo("HIGH"));
        assertThat(high.path("items")).anySatisfy(task -> assertThat(task.path("model").asText()).isEqualTo(this.high));
    }

    @Test
    void filtersEscalatedDecisions() {
        assertThat(api().get("/api/v1/tasks?model=" + many + "&escalated=false", dana()).json().path("total")
                .asLong()).isEqualTo(30);
        assertThat(api().get("/api/v1/tasks?model=" + many + "&escalated=true", dana()).json().path("total")
                .asLong()).isZero();
        var bad = api().get("/api/v1/tasks?escalated=maybe", dana());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("\"escalated\"");
    }

    @Test
    void oneDecisionIsFoundByIdOnlyByThoseItWaitsFor() {
        var task = api().get("/api/v1/tasks?model=" + many + "&size=1&page=7", dana()).json().path("items").get(0);
        var id = task.path("id").asText();
        var found = api().get("/api/v1/tasks/" + id, dana());
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.json().path("version").asInt()).isEqualTo(task.path("version").asInt());
        assertThat(api().get("/api/v1/tasks/" + id, IDP.tokenFor("erin", "ml-engineer", "domain-expert")).status())
                .as("not to the submitter").isEqualTo(404);
        assertThat(api().get("/api/v1/tasks/no-such-task", dana()).status()).isEqualTo(404);
    }

    @Test
    void countsOnlyWhatTheCallerMayDecide() {
        var submitterAsExpert = IDP.tokenFor("erin", "ml-engineer", "domain-expert");
        var ownerTeamExpert = IDP.tokenForTeamMember("olga", List.of("risk-analytics"), "domain-expert");
        var otherTeamExpert = IDP.tokenForTeamMember("omar", List.of("payments-security"), "domain-expert");
        assertThat(total(erin(), many)).as("not a candidate role").isZero();
        assertThat(total(submitterAsExpert, many)).as("the submitter").isZero();
        assertThat(total(ownerTeamExpert, many)).as("the owner team").isZero();
        assertThat(total(otherTeamExpert, many)).isEqualTo(30);
    }

    @Test
    void someoneWhoDecidedOnTheCurrentEvidenceIsNotOfferedTheSecondApproval() {
        var dave = IDP.tokenFor("dave", "domain-expert");
        var task = api().get("/api/v1/tasks?model=" + high, dave).json().path("items").get(0);
        var decided = api().post("/api/v1/tasks/" + task.path("id").asText() + "/decision", dave,
                "{\"decision\": \"APPROVE\", \"comment\": \"Evidence complete\"}");
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        var lifecycles = new Lifecycles(api());
        lifecycles.awaitState(high, 1, "PENDING_APPROVAL");
        var deadline = System.nanoTime() + 10_000_000_000L;
        while (total(dana(), high) == 0 && System.nanoTime() < deadline) {
            Lifecycles.sleep(100);
        }
        assertThat(total(dana(), high)).isEqualTo(1);
        assertThat(total(dave, high)).isZero();
    }

    @Test
    void pageAndSizeOutOfBoundsAreRefusedNamingTheParameter() {
        var tooLarge = api().get("/api/v1/tasks?size=201", dana());
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.body()).contains("\"size\"").contains("between 1 and 200");
        var negative = api().get("/api/v1/tasks?page=-1", dana());
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body()).contains("\"page\"");
        var tier = api().get("/api/v1/tasks?riskTier=EXTREME", dana());
        assertThat(tier.status()).isEqualTo(400);
        assertThat(tier.body()).contains("\"riskTier\"");
    }

    private long total(String token, String model) {
        var response = api().get("/api/v1/tasks?model=" + model, token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("total").asLong();
    }

    private static List<Integer> range(int from, int to) {
        var list = new ArrayList<Integer>();
        for (int i = from; i <= to; i++) {
            list.add(i);
        }
        return list;
    }
}
