package org.modelops.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelops.portal.governance.Deployment;
import org.modelops.portal.governance.ModelSummary;
import org.modelops.portal.governance.ModelVersion;
import org.modelops.portal.governance.MonitoringOverview;
import org.modelops.portal.governance.MonitoringOverview.VersionHealth;
import org.modelops.portal.governance.ServiceUnavailable;
import org.modelops.portal.monitoring.MonitoringView;
import org.modelops.portal.testing.FakeEventSubscriptionsApi;
import org.modelops.portal.testing.FakeGovernanceApi;
import org.modelops.portal.testing.FakeMonitoringApi;
import org.modelops.portal.testing.Grids;
import org.modelops.portal.testing.Persona;
import org.modelops.portal.testing.PortalUi;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLink;

/** The serving versions' health on the catalog and the model page; no data never reads as healthy. */
class HealthBadgesTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

    private final FakeGovernanceApi governance = new FakeGovernanceApi();
    private final FakeMonitoringApi monitoring = new FakeMonitoringApi();
    private PortalUi portal;

    @BeforeEach
    void threeModels() {
        for (var name : List.of("credit-score", "churn", "fraud")) {
            governance.models.put(name, new ModelSummary(name, "a model", "risk-team", "LOW", null, MONDAY, "erin",
                    2));
        }
        // credit-score: champion v1 healthy, canary v2 breaching; churn: champion warning, a retired v0 breached
        monitoring.overviews.put("credit-score", new MonitoringOverview("credit-score", List.of(
                new VersionHealth(1, "CHAMPION", "PASS", List.of()),
                new VersionHealth(2, "ROLLING_OUT", "BREACH", List.of()))));
        monitoring.overviews.put("churn", new MonitoringOverview("churn", List.of(
                new VersionHealth(1, "RETIRED", "BREACH", List.of()),
                new VersionHealth(2, "CHAMPION", "WARN", List.of()))));
        governance.versions.put("credit-score", List.of(version("credit-score", 1, "CHAMPION"),
                version("credit-score", 2, "ROLLING_OUT")));
        governance.deployments.put("credit-score", new Deployment("credit-score", List.of(
                new Deployment.Share(1, 90, "CHAMPION"), new Deployment.Share(2, 10, "ROLLING_OUT"))));
        governance.versions.put("fraud", List.of(version("fraud", 1, "CHAMPION")));
        governance.deployments.put("fraud", new Deployment("fraud", List.of(new Deployment.Share(1, 100,
                "CHAMPION"))));
    }

    @AfterEach
    void close() {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void theCatalogShowsTheWorstVerdictOfWhatServesInWords() {
        open();
        portal.ui().navigate(CatalogView.class);

        @SuppressWarnings("unchecked")
        Grid<ModelSummary> catalog = portal.ui().find(Grid.class).id("catalog");
        var rows = portal.ui().test(catalog);
        var health = Grids.column(catalog, "Health");
        assertThat(rows.getCellText(0, health)).isEqualTo("v2 breach");
        assertThat(rows.getCellText(1, health)).as("a retired version's breach does not count")
                .isEqualTo("v2 warning");
        assertThat(rows.getCellText(2, health)).isEqualTo("no monitoring data");
    }

    @Test
    void eachModelsHealthIsAskedOnceForTheRowsShown() {
        open();
        portal.ui().navigate(CatalogView.class);

        @SuppressWarnings("unchecked")
        Grid<ModelSummary> catalog = portal.ui().find(Grid.class).id("catalog");
        var rows = portal.ui().test(catalog);
        for (var i = 0; i < 3; i++) {
            rows.getCellText(i, Grids.column(catalog, "Health"));
        }

        assertThat(monitoring.calls("overview")).extracting(c -> c.arguments().getFirst())
                .containsExactlyInAnyOrder("credit-score", "churn", "fraud");
    }

    @Test
    void anUnreachableMonitoringServiceIsNoData() {
        monitoring.failing("overview", new ServiceUnavailable("down", null));
        open();
        portal.ui().navigate(CatalogView.class);

        @SuppressWarnings("unchecked")
        Grid<ModelSummary> catalog = portal.ui().find(Grid.class).id("catalog");
        assertThat(portal.ui().test(catalog).getCellText(0, Grids.column(catalog, "Health")))
                .isEqualTo("no monitoring data");
    }

    @Test
    void theModelPageShowsEachServingVersionsHealthAndLinksToItsMonitoring() {
        open();
        portal.ui().navigate(ModelView.class, "credit-score");

        assertThat(portal.ui().find(Span.class).id("health-v1").getText()).isEqualTo("v1 healthy");
        assertThat(portal.ui().find(Span.class).id("health-v2").getText()).isEqualTo("v2 breach");
        var link = portal.ui().find(RouterLink.class).id("monitoring-link");
        assertThat(portal.ui().test(link).getPath()).isEqualTo("model/credit-score/monitoring");
        assertThat(portal.ui().test(link).getRoute()).contains(MonitoringView.class);
    }

    @Test
    void aServingVersionNothingWasJudgedForSaysSo() {
        open();
        portal.ui().navigate(ModelView.class, "fraud");

        assertThat(portal.ui().find(Span.class).id("health-v1").getText()).isEqualTo("v1 no monitoring data");
    }

    private void open() {
        portal = PortalUi.as(Persona.dana(), governance, monitoring, new FakeEventSubscriptionsApi());
    }

    private static ModelVersion version(String model, int version, String state) {
        return new ModelVersion(model, version, state, null, "sklearn", "v" + version, "credit pre-screening",
                "s3://models/" + version, "sha" + version, null, null, "erin", MONDAY.plusSeconds(version), null,
                null, null, null, null);
    }
}
