package org.modelops.portal.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelops.portal.testing.FixtureService;
import org.modelops.portal.testing.PortalHttp;

/** The event-subscriptions adapter against JSON fixtures in the shapes of the service's contract. */
class HttpEventSubscriptionsApiTest {

    private static final String SUBSCRIPTION = """
            {"id": "s1", "url": "https://hooks.example.com/a", "description": "risk team",
             "types": ["version.promoted"], "models": ["credit-score"], "active": true,
             "createdAt": "2026-03-01T08:00:00Z"%s}
            """;

    private static PortalHttp http;
    private final FixtureService service = new FixtureService();
    private final EventSubscriptionsApi api = new HttpEventSubscriptionsApi(http.restClient(), service.url(),
            () -> "ada-token", http.json());

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
    void theListIsReadAsPageOrAsArray() {
        service.answer("GET", "/api/v1/event-subscriptions", 200,
                "{\"items\": [" + SUBSCRIPTION.formatted("") + "], \"total\": 1}");
        assertThat(api.subscriptions()).singleElement().satisfies(s -> {
            assertThat(s.url()).isEqualTo("https://hooks.example.com/a");
            assertThat(s.secret()).isNull();
            assertThat(s.active()).isTrue();
        });

        service.answer("GET", "/api/v1/event-subscriptions", 200, "[" + SUBSCRIPTION.formatted("") + "]");
        assertThat(api.subscriptions()).extracting(EventSubscription::id).containsExactly("s1");
        assertThat(service.last().authorization()).isEqualTo("Bearer ada-token");
    }

    @Test
    void creatingSendsTheFieldsAndReadsTheSecretOnce() {
        service.answer("POST", "/api/v1/event-subscriptions", 201, SUBSCRIPTION.formatted(", \"secret\": \"whsec\""));

        var created = api.create(new EventSubscription.Change("https://hooks.example.com/a", null,
                List.of("version.promoted"), List.of("credit-score"), null));

        assertThat(created.secret()).isEqualTo("whsec");
        assertThat(http.json().readTree(service.last().body())).isEqualTo(http.json().readTree("""
                {"url": "https://hooks.example.com/a", "types": ["version.promoted"], "models": ["credit-score"]}
                """));
    }

    @Test
    void anEditSendsOnlyWhatChanged() {
        service.answer("PATCH", "/api/v1/event-subscriptions/s1", 200, SUBSCRIPTION.formatted(""));

        api.update("s1", new EventSubscription.Change(null, null, null, null, false));

        assertThat(service.last().method()).isEqualTo("PATCH");
        assertThat(http.json().readTree(service.last().body())).isEqualTo(http.json().readTree("{\"active\": false}"));
    }

    @Test
    void deleteRotateAndReplayUseTheirPaths() {
        service.answer("DELETE", "/api/v1/event-subscriptions/s1", 204, "")
                .answer("POST", "/api/v1/event-subscriptions/s1/secret", 200,
                        SUBSCRIPTION.formatted(", \"secret\": \"new\""))
                .answer("POST", "/api/v1/event-subscriptions/s1/deliveries/d7/replay", 202, "")
                .answer("POST", "/api/v1/event-subscriptions/s1/replay-dead", 202, "{\"replayed\": 3}");

        api.delete("s1");
        assertThat(api.rotateSecret("s1").secret()).isEqualTo("new");
        api.replay("s1", "d7");
        api.replayDead("s1");

        assertThat(service.requests()).extracting(r -> r.method() + " " + r.pathAndQuery()).containsExactly(
                "DELETE /api/v1/event-subscriptions/s1", "POST /api/v1/event-subscriptions/s1/secret",
                "POST /api/v1/event-subscriptions/s1/deliveries/d7/replay",
                "POST /api/v1/event-subscriptions/s1/replay-dead");
    }

    @Test
    void deliveriesArePagedAndFilteredByStatus() {
        service.answer("GET", "/api/v1/event-subscriptions/s1/deliveries?status=DEAD&page=2&size=50", 200, """
                {"items": [{"id": "d7", "eventId": "e1", "type": "version.promoted", "model": "credit-score",
                  "version": 2, "status": "DEAD", "attempts": 8, "lastAttemptAt": "2026-03-02T09:00:00Z",
                  "nextAttemptAt": null, "lastStatusCode": 503, "lastError": "Service Unavailable",
                  "deliveredAt": null}], "total": 101}
                """);

        var page = api.deliveries("s1", "DEAD", 2, 50);

        assertThat(page.total()).isEqualTo(101);
        assertThat(page.items()).singleElement().satisfies(d -> {
            assertThat(d.dead()).isTrue();
            assertThat(d.lastStatusCode()).isEqualTo(503);
            assertThat(d.version()).isEqualTo(2);
        });
    }

    @Test
    void aFieldRefusalNamesTheField() {
        service.answer("POST", "/api/v1/event-subscriptions", 400, """
                {"type": "/problems/invalid-request", "title": "Bad Request", "status": 400,
                 "detail": "the subscription is invalid",
                 "errors": [{"field": "url", "rule": "https", "message": "must be an https URL"}]}
                """);

        assertThatThrownBy(() -> api.create(new EventSubscription.Change("http://x", null, List.of("a"), List.of(),
                null))).isInstanceOfSatisfying(ServiceRefusal.class, refusal -> {
                    assertThat(refusal.detail()).isEqualTo("the subscription is invalid");
                    assertThat(refusal.errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("url");
                        assertThat(error.message()).isEqualTo("must be an https URL");
                    });
                });
    }
}
