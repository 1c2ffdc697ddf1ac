package org.modelops.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelops.portal.governance.EventSubscription;
import org.modelops.portal.governance.HttpEventSubscriptionsApi;
import org.modelops.portal.governance.HttpMonitoringApi;
import org.modelops.portal.governance.ServiceRefusal;
import org.modelops.portal.testing.PortalHttp;

/**
 * The monitoring and event-subscription adapters against the real service: every call the new pages make, with
 * real tokens and the portal's RestClient and JSON set-up, and each field the pages read.
 */
class MonitoringContractIT {

    private static PortalHttp http;
    private final LocalStack stack = new LocalStack();

    @BeforeAll
    static void portalHttp() {
        http = new PortalHttp();
    }

    @AfterAll
    static void close() {
        http.close();
    }

    @Test
    void theMonitoringPageReadsWhatTheServiceAnswers() {
        var model = MonitoringData.championWithIncomeDrift(stack, "contract-drift-" + System.currentTimeMillis());
        var token = stack.userToken("dana");
        var monitoring = new HttpMonitoringApi(http.restClient(), URI.create(LocalStack.SERVICE), () -> token,
                http.json());

        var drift = monitoring.drift(model, 1, 30);
        assertThat(drift.windows()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(drift.latest().columns()).extracting(c -> c.column()).contains("income", "channel", "prediction");
        assertThat(drift.latest().columns()).filteredOn(c -> c.column().equals("income")).singleElement()
                .satisfies(income -> assertThat(income.verdict()).isEqualTo("BREACH"));
        assertThat(drift.verdict()).isEqualTo("BREACH");
        assertThat(drift.explanation()).isNotBlank();

        // The overview may lag the watch by its interval: wait for the version's verdict.
        var deadline = System.currentTimeMillis() + 90_000;
        var overview = monitoring.overview(model);
        while ((overview.version(1) == null || !overview.version(1).judged())
                && System.currentTimeMillis() < deadline) {
            LocalStack.sleep(1000);
            overview = monitoring.overview(model);
        }
        var v1 = overview.version(1);
        assertThat(v1).isNotNull();
        assertThat(v1.state()).isEqualTo("CHAMPION");
        assertThat(v1.signals()).extracting(s -> s.signal()).contains("drift");
        assertThat(v1.signals()).filteredOn(s -> s.signal().equals("drift")).singleElement().satisfies(s -> {
            assertThat(s.verdict()).isEqualTo("BREACH");
            assertThat(s.explanation()).isNotBlank();
        });

        var series = monitoring.series(model, 1, "drift", "income", 30);
        assertThat(series.metric()).isEqualTo("income");
        assertThat(series.warn()).isEqualTo(0.1);
        assertThat(series.breach()).isEqualTo(0.25);
        assertThat(series.direction()).isEqualTo("above");
        assertThat(series.points()).anySatisfy(p -> assertThat(p.breached()).isTrue());
        assertThat(series.points()).allSatisfy(p -> assertThat(p.windowStart()).isBefore(p.windowEnd()));

        // Present once the serving branch is merged; absent (404) before.
        monitoring.retrainingRequests(model).ifPresent(requests -> assertThat(requests).allSatisfy(r -> {
            assertThat(r.status()).isIn("OPEN", "ANSWERED");
            assertThat(r.version()).isPositive();
        }));
    }

    @Test
    void aGovernanceAdminManagesASubscriptionThroughTheAdapter() {
        var token = stack.userToken("ada");
        var api = new HttpEventSubscriptionsApi(http.restClient(), URI.create(LocalStack.SERVICE), () -> token,
                http.json());
        var url = "https://hooks.example.com/contract-" + System.currentTimeMillis();

        assertThatThrownBy(() -> api.create(new EventSubscription.Change("not a url", null,
                List.of("org.modelops.version.submitted"), List.of(), null)))
                .isInstanceOfSatisfying(ServiceRefusal.class,
                        refusal -> {
                            assertThat(refusal.status()).isEqualTo(400);
                            assertThat(refusal.errors()).extracting(e -> e.field()).contains("url");
                        });

        var created = api
                .create(new EventSubscription.Change(url, "contract test", List.of("org.modelops.version.submitted"),
                        List.of(), null));
        assertThat(created.secret()).isNotBlank();
        assertThat(created.active()).isTrue();
        assertThat(created.createdAt()).isNotNull();
        assertThat(api.subscriptions()).extracting(EventSubscription::id).contains(created.id());
        assertThat(api.subscription(created.id()).secret()).as("the secret is answered once").isNull();

        var paused = api.update(created.id(), new EventSubscription.Change(null, null, null, null, false));
        assertThat(paused.active()).isFalse();
        assertThat(paused.url()).isEqualTo(url);

        var rotated = api.rotateSecret(created.id());
        assertThat(rotated.secret()).isNotBlank().isNotEqualTo(created.secret());

        var deliveries = api.deliveries(created.id(), "DEAD", 0, 50);
        assertThat(deliveries.total()).isGreaterThanOrEqualTo(0);
        api.replayDead(created.id());

        api.delete(created.id());
        assertThat(api.subscriptions()).extracting(EventSubscription::id).doesNotContain(created.id());

        var dana = stack.userToken("dana");
        var notAdmin = new HttpEventSubscriptionsApi(http.restClient(), URI.create(LocalStack.SERVICE), () -> dana,
                http.json());
        assertThatThrownBy(notAdmin::subscriptions).isInstanceOfSatisfying(ServiceRefusal.class,
                refusal -> assertThat(refusal.status()).isEqualTo(403));
    }
}
