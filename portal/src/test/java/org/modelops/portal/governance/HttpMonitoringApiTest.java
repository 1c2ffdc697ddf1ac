package org.modelops.portal.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelops.portal.testing.FixtureService;
import org.modelops.portal.testing.PortalHttp;

/**
 * The monitoring adapter against JSON fixtures in the shapes the service's contracts give: what it asks (path,
 * query, body, the user's token) and how it reads the answers, with the portal's own RestClient and JSON set-up.
 */
class HttpMonitoringApiTest {

    private static PortalHttp http;
    private final FixtureService service = new FixtureService();
    private final MonitoringApi monitoring = new HttpMonitoringApi(http.restClient(), service.url(),
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
    void theOverviewIsReadVersionBySignal() {
        service.answer("GET", "/api/v1/models/credit-score/monitoring", 200,
                """
                        {"model": "credit-score", "versions": [
                          {"version": 2, "state": "CHAMPION", "verdict": "BREACH", "signals": [
                            {"signal": "drift", "verdict": "BREACH", "explanation": "income breached in 3 of the last 5 windows",
                             "evaluatedAt": "2026-03-02T10:00:00Z"},
                            {"signal": "performance", "verdict": "PENDING_LABELS", "explanation": "labels mature in 30 days",
                             "evaluatedAt": "2026-03-02T10:00:00Z"}]},
                          {"version": 3, "state": "ROLLING_OUT", "verdict": null, "signals": []}]}
                        """);

        var overview = monitoring.overview("credit-score");

        assertThat(service.last().authorization()).isEqualTo("Bearer dana-token");
        assertThat(overview.versions()).hasSize(2);
        var v2 = overview.version(2);
        assertThat(v2.judged()).isTrue();
        assertThat(v2.serving()).isTrue();
        assertThat(v2.signals()).extracting(MonitoringOverview.SignalVerdict::signal)
                .containsExactly("drift", "performance");
        assertThat(v2.signals().getFirst().evaluatedAt()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(overview.version(3).judged()).as("no verdict is not a pass").isFalse();
        assertThat(overview.version(4)).isNull();
    }

    @Test
    void aSeriesAsksForTheSignalMetricAndWindowsAndReadsTheBand() {
        service.answer("GET", "/api/v1/models/credit-score/versions/2/monitoring/series?signal=performance"
                + "&metric=recall&windows=30", 200, """
                        {"signal": "performance", "metric": "recall", "statistic": "recall", "warn": 0.75,
                         "breach": 0.7, "direction": "below", "points": [
                          {"windowStart": "2026-03-01T00:00:00Z", "windowEnd": "2026-03-02T00:00:00Z", "value": 0.8,
                           "lower": 0.76, "upper": 0.84, "count": 1200, "verdict": "PASS"},
                          {"windowStart": "2026-03-02T00:00:00Z", "windowEnd": "2026-03-03T00:00:00Z", "value": 0.66,
                           "lower": 0.61, "upper": 0.69, "count": 1100, "verdict": "BREACH"}]}
                        """);

        var series = monitoring.series("credit-score", 2, "performance", "recall", 30);

        assertThat(series.below()).isTrue();
        assertThat(series.warn()).isEqualTo(0.75);
        assertThat(series.points()).hasSize(2);
        assertThat(series.points().get(1).breached()).isTrue();
        assertThat(series.points().get(1).lower()).isEqualTo(0.61);
        assertThat(series.points().get(0).count()).isEqualTo(1200L);
    }

    @Test
    void withoutAMetricTheSeriesLeavesTheChoiceToTheService() {
        service.answer("GET", "/api/v1/models/m/versions/1/monitoring/series?signal=service&windows=30", 200, """
                {"signal": "service", "metric": "error-rate", "statistic": "rate", "warn": null, "breach": 0.05,
                 "direction": "above", "points": []}
                """);

        var series = monitoring.series("m", 1, "service", null, 30);

        assertThat(series.metric()).isEqualTo("error-rate");
        assertThat(series.warn()).isNull();
        assertThat(series.points()).isEmpty();
    }

    @Test
    void driftIsReadFromTheExistingPerVersionStatus() {
        // MonitoringController.StatusView, as the service answers it today.
        service.answer("GET", "/api/v1/models/credit-score/versions/2/monitoring?windows=30", 200, """
                {"model": "credit-score", "version": 2,
                 "policy": {"name": "high-risk", "version": 2, "sha256": "abc"}, "profileSha256": "def",
                 "rule": {"window": "PT24H", "minSample": 500}, "verdict": "BREACH",
                 "explanation": "2 of the last 3 windows breached (the rule is 2 of 3)",
                 "windows": [{"start": "2026-03-01T00:00:00Z", "end": "2026-03-02T00:00:00Z", "records": 900,
                   "verdict": "BREACH", "columns": [
                     {"column": "income", "statistic": "psi", "value": 0.31, "warn": 0.1, "breach": 0.25,
                      "verdict": "BREACH", "counts": [1, 2, 3]},
                     {"column": "age", "statistic": "psi", "value": null, "warn": 0.1, "breach": 0.25,
                      "verdict": "INSUFFICIENT_DATA", "counts": []}]}]}
                """);

        var drift = monitoring.drift("credit-score", 2, 30);

        assertThat(drift.verdict()).isEqualTo("BREACH");
        assertThat(drift.explanation()).startsWith("2 of the last 3");
        assertThat(drift.latest().columns()).extracting(DriftReport.Column::column).containsExactly("income", "age");
        assertThat(drift.latest().columns().get(1).value()).isNull();
    }

    @Test
    void retrainingRequestsAreReadWhenTheServiceOffersThem() {
        service.answer("GET", "/api/v1/models/credit-score/retraining-requests", 200, """
                {"items": [{"id": "r1", "version": 2, "signal": "drift", "status": "OPEN",
                            "requestedAt": "2026-03-02T11:00:00Z", "evidence": {"column": "income", "psi": 0.31},
                            "answeredBy": null}], "total": 1, "page": 0, "size": 50}
                """);

        var requests = monitoring.retrainingRequests("credit-score");

        assertThat(requests).hasValueSatisfying(list -> assertThat(list).singleElement().satisfies(r -> {
            assertThat(r.open()).isTrue();
            assertThat(r.evidence()).isInstanceOf(java.util.Map.class);
        }));
    }

    @Test
    void aServiceWithoutRetrainingRequestsAnswersNone() {
        assertThat(monitoring.retrainingRequests("credit-score")).isEmpty();
    }

    @Test
    void aRefusalIsThrownWithTheServicesProblem() {
        service.answer("GET", "/api/v1/models/nope/monitoring", 404, """
                {"type": "/problems/model-not-found", "title": "Not Found", "status": 404,
                 "detail": "there is no model nope"}
                """);

        assertThatThrownBy(() -> monitoring.overview("nope")).isInstanceOfSatisfying(ServiceRefusal.class,
                refusal -> {
                    assertThat(refusal.is("model-not-found")).isTrue();
                    assertThat(refusal.plainMessage()).isEqualTo("there is no model nope");
                });
    }

    @Test
    void aReviewDecisionSendsTheOutcomeTheReasonAndTheEvidence() {
        service.answer("POST", "/api/v1/tasks/t9/decision", 200, "{}");

        monitoring.decideReview("t9", "KEEP_SERVING", "seasonal shift, expected", "e".repeat(64));

        var sent = service.last();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.contentType()).startsWith("application/json");
        assertThat(http.json().readTree(sent.body())).isEqualTo(http.json().readTree("""
                {"decision": "KEEP_SERVING", "comment": "seasonal shift, expected", "evidenceSha256": "%s"}
                """.formatted("e".repeat(64))));
    }

    @Test
    void theInboxReadsAMonitoringReviewBesideAnApproval() {
        service.answer("GET", "/api/v1/tasks?size=200", 200, """
                {"items": [{"id": "t9", "name": "Review monitoring breach", "model": "credit-score", "version": 2,
                  "riskTier": "HIGH", "createdAt": "2026-03-02T11:00:00Z", "candidateRoles": ["domain-expert"],
                  "escalated": false, "approvalsRequired": 1, "approvalsSoFar": 0, "policy": null,
                  "challenger": null, "champion": null, "evidenceSha256": "abc", "kind": "monitoring-review",
                  "review": {"signal": "drift", "verdict": "BREACH", "explanation": "income breached",
                             "evidence": {"column": "income", "psi": 0.31},
                             "outcomes": ["KEEP_SERVING", "ROLL_BACK", "REQUEST_RETRAINING"]}}],
                 "total": 1, "page": 0, "size": 1}
                """);
        var governance = new HttpGovernanceApi(http.restClient(), service.url(), () -> "dana-token", http.json());

        var task = governance.inbox().items().getFirst();

        assertThat(task.monitoringReview()).isTrue();
        assertThat(task.review().outcomes()).containsExactly("KEEP_SERVING", "ROLL_BACK", "REQUEST_RETRAINING");
        assertThat(task.review().evidence()).containsEntry("column", "income");
        assertThat(List.of(task.kindInWords())).containsExactly("monitoring review");
    }
}
