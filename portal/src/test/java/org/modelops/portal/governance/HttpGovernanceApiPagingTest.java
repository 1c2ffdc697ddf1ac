package org.modelops.portal.governance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelops.portal.testing.FixtureService;
import org.modelops.portal.testing.PortalHttp;

/**
 * The governance adapter's paged reads against JSON fixtures in the service's shapes: the inbox's first page with its
 * counts in one request, and one page of a model's versions, optionally of one state.
 */
class HttpGovernanceApiPagingTest {

    private static PortalHttp http;
    private final FixtureService service = new FixtureService();
    private final GovernanceApi governance = new HttpGovernanceApi(http.restClient(), service.url(),
            () -> "dana-token", http.json());

    @BeforeAll
    static void portalHttp() {
        http = new PortalHttp();
    }

    @AfterAll
    static void closeHttp() {
        http.close();
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void theInboxFirstPageCarriesTheCountsOfTheWholeInbox() {
        service.answer("GET", "/api/v1/tasks?page=0&size=50", 200, """
                {"items": [{"id": "t1", "kind": "approval", "name": "Approve promotion", "model": "credit-score",
                  "version": 4, "riskTier": "HIGH", "createdAt": "2026-03-02T09:00:00Z",
                  "candidateRoles": ["domain-expert"], "escalated": true, "approvalsRequired": 2,
                  "approvalsSoFar": 0}],
                 "total": 10000, "page": 0, "size": 50, "highRisk": 1200, "escalated": 37}
                """);

        var first = governance.inboxFirstPage(50);

        assertThat(service.requests()).hasSize(1);
        assertThat(service.last().authorization()).isEqualTo("Bearer dana-token");
        assertThat(first.total()).isEqualTo(10000);
        assertThat(first.highRisk()).isEqualTo(1200);
        assertThat(first.escalated()).isEqualTo(37);
        assertThat(first.items()).extracting(DecisionTask::id).containsExactly("t1");
    }

    @Test
    void versionsAreAskedOnePageAtATimeAndByStateWhenGiven() {
        service.answer("GET", "/api/v1/models/credit-score/versions?page=0&size=1&state=CHAMPION", 200, """
                {"items": [{"model": "credit-score", "version": 7, "state": "CHAMPION", "submittedBy": "erin",
                  "submittedAt": "2026-03-02T09:00:00Z"}], "total": 1, "page": 0, "size": 1}
                """);
        service.answer("GET", "/api/v1/models/credit-score/versions?page=3&size=50", 200, """
                {"items": [], "total": 120, "page": 3, "size": 50}
                """);

        var champion = governance.versions("credit-score", "CHAMPION", 0, 1);
        var beyond = governance.versions("credit-score", null, 3, 50);

        assertThat(champion.items()).extracting(ModelVersion::version).containsExactly(7);
        assertThat(beyond.total()).isEqualTo(120);
        assertThat(beyond.items()).isEmpty();
    }
}
