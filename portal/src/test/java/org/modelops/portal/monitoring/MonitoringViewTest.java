package org.modelops.portal.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelops.portal.monitoring.Signals.column;
import static org.modelops.portal.monitoring.Signals.signal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelops.portal.governance.DriftReport;
import org.modelops.portal.governance.MonitoringOverview;
import org.modelops.portal.governance.MonitoringOverview.VersionHealth;
import org.modelops.portal.governance.RetrainingRequest;
import org.modelops.portal.governance.ServiceUnavailable;
import org.modelops.portal.testing.FakeEventSubscriptionsApi;
import org.modelops.portal.testing.FakeGovernanceApi;
import org.modelops.portal.testing.FakeMonitoringApi;
import org.modelops.portal.testing.Persona;
import org.modelops.portal.testing.PortalUi;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;

class MonitoringViewTest {

    private static final String MODEL = "credit-score";

    private final FakeGovernanceApi governance = new FakeGovernanceApi();
    private final FakeMonitoringApi monitoring = new FakeMonitoringApi();
    private PortalUi portal;

    @BeforeEach
    void aChampionWithADriftBreachAndACanaryNotJudgedYet() {
        monitoring.overviews.put(MODEL, new MonitoringOverview(MODEL, List.of(
                new VersionHealth(2, "CHAMPION", "BREACH", List.of(
                        signal("drift", "BREACH", "income breached in 2 of the last 3 windows (the rule is 2 of 3)"),
                        signal("performance", "PENDING_LABELS", "the labels of the last window mature on 03-30"))),
                new VersionHealth(3, "ROLLING_OUT", null, List.of()))));
        monitoring.drift.put(MODEL + "/2", Signals.drift(MODEL, 2, "BREACH",
                "2 of the last 3 windows breached (the rule is 2 of 3)", List.of(column("zip", 0.01, "PASS"),
                        column("tenure", 0.2, "WARN"), column("income", 0.31, "BREACH"),
                        column("age", null, "INSUFFICIENT_DATA"), column("region", 0.05, "PASS"))));
        monitoring.series.put(MODEL + "/2/drift/income", Signals.series("drift", "income", 0.1, 0.25, "above",
                new Double[]{0.05, 0.28, 0.31}, new String[]{"PASS", "BREACH", "BREACH"}, false));
        monitoring.series.put(MODEL + "/2/performance/", Signals.series("performance", "recall", 0.75, 0.7,
                "below", new Double[]{0.8, 0.79}, new String[]{"PASS", "PENDING_LABELS"}, true));
    }

    @AfterEach
    void close() {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void everyMonitoredVersionSaysItsVerdictsInWords() {
        open();

        var champion = portal.ui().find(ListItem.class).id("health-v2").getElement().getTextRecursively();
        assertThat(champion).contains("v2").contains("champion").contains("breach")
                .contains("Drift: breach income breached in 2 of the last 3 windows")
                .contains("Performance: waiting for labels");
        var canary = portal.ui().find(ListItem.class).id("health-v3").getElement().getTextRecursively();
        assertThat(canary).contains("no monitoring data").contains("v3 has no monitoring data yet")
                .contains("That is not a pass").doesNotContain("healthy");
    }

    @Test
    void theServingChampionIsShownFirstWithEachSignalOverTime() {
        open();

        assertThat(versionSelect().getValue().version()).isEqualTo(2);
        var charts = portal.ui().find(Div.class).withClassName("trend-chart").all();
        assertThat(charts).hasSize(2);
        assertThat(charts.get(0).getElement().getAttribute("aria-label"))
                .startsWith("Drift income (psi) over the last 3 windows: 3 windows; the last 0.310 (breach)")
                .contains("2 windows breached");
        assertThat(charts.get(1).getElement().getAttribute("aria-label")).startsWith("Performance recall")
                .contains("breach below 0.700");
        // performance: the service chooses the metric; drift: the worst feature first
        assertThat(monitoring.calls("series")).extracting(c -> c.arguments().get(2) + ":" + c.arguments().get(3))
                .containsExactly("drift:income", "performance:null");
    }

    @Test
    void driftPerFeatureIsListedWorstFirstUnderTheVersionsSentence() {
        open();

        assertThat(portal.ui().find(Paragraph.class).id("drift-explanation").getElement().getTextRecursively())
                .contains("breach").contains("2 of the last 3 windows breached (the rule is 2 of 3)");
        @SuppressWarnings("unchecked")
        Grid<DriftReport.Column> grid = portal.ui().find(Grid.class).id("drift-grid");
        var rows = portal.ui().test(grid);
        assertThat(java.util.stream.IntStream.range(0, rows.size()).mapToObj(i -> rows.getRow(i).column()))
                .containsExactly("income", "age", "tenure", "region", "zip");
        var feature = (Select<?>) portal.ui().find(Select.class).id("drift-feature");
        assertThat(feature.getValue()).isEqualTo("income");
    }

    @Test
    void choosingAnotherFeatureChartsIt() {
        monitoring.series.put(MODEL + "/2/drift/tenure", Signals.series("drift", "tenure", 0.1, 0.25, "above",
                new Double[]{0.2}, new String[]{"WARN"}, false));
        open();

        @SuppressWarnings("unchecked")
        Select<String> feature = portal.ui().find(Select.class).id("drift-feature");
        portal.ui().test(feature).selectItem("tenure");

        assertThat(portal.ui().find(Div.class).withClassName("trend-chart").first().getElement()
                .getAttribute("aria-label")).startsWith("Drift tenure (psi) over the last 1 windows");
    }

    @Test
    void aVersionWithoutMonitoringDataSaysSoPlainly() {
        open();

        portal.ui().test(versionSelect()).selectItem("v3 · rolling out");

        assertThat(portal.ui().find(Paragraph.class).id("version-no-data").getText())
                .isEqualTo("v3 has no monitoring data yet: no window of its predictions has been judged. That is"
                        + " not a pass.");
        assertThat(portal.ui().find(Div.class).withClassName("trend-chart").exists()).isFalse();
    }

    @Test
    void aModelNothingWasJudgedForIsNotShownAsHealthy() {
        monitoring.overviews.clear();

        open();

        assertThat(portal.ui().find(Paragraph.class).id("no-monitoring").getText())
                .startsWith("No version of credit-score has monitoring data yet")
                .contains("That is not a pass");
        assertThat(portal.ui().find(Select.class).withId("monitoring-version").exists()).isFalse();
    }

    @Test
    void retrainingRequestsAreListedWhenTheServiceHasThem() {
        monitoring.retraining.put(MODEL, List.of(new RetrainingRequest("r1", 2, "drift", "OPEN",
                Instant.parse("2026-03-04T00:10:00Z"), Map.of("column", "income", "psi", 0.31), null)));

        open();

        @SuppressWarnings("unchecked")
        Grid<RetrainingRequest> grid = portal.ui().find(Grid.class).id("retraining-grid");
        var rows = portal.ui().test(grid);
        assertThat(rows.size()).isEqualTo(1);
        assertThat(rows.getCellText(0, org.modelops.portal.testing.Grids.column(grid, "Status"))).isEqualTo("open");
        assertThat(rows.getCellText(0, org.modelops.portal.testing.Grids.column(grid, "Evidence")))
                .contains("column income").contains("psi 0.31");
    }

    @Test
    void withoutRetrainingRequestsFromTheServiceTheSectionIsLeftOut() {
        open();

        assertThat(portal.ui().find(Div.class).withId("retraining-requests").exists()).isFalse();
    }

    @Test
    void anUnreachableServiceIsExplained() {
        var down = new ServiceUnavailable("connection refused", null);
        monitoring.failing("overview", down);

        open();

        assertThat(portal.ui().find(Paragraph.class).withText(down.plainMessage()).exists()).isTrue();
    }

    @Test
    void theEvidenceOfARequestReadsAsWords() {
        assertThat(MonitoringView.evidence(Map.of("column", "income"))).isEqualTo("column income");
        assertThat(MonitoringView.evidence(List.of("a", "b"))).isEqualTo("a; b");
        assertThat(MonitoringView.evidence(null)).isEmpty();
    }

    private void open() {
        portal = PortalUi.as(Persona.carl(), governance, monitoring, new FakeEventSubscriptionsApi());
        portal.ui().navigate(MonitoringView.class, Map.of("name", MODEL));
    }

    @SuppressWarnings("unchecked")
    private Select<VersionHealth> versionSelect() {
        return portal.ui().find(Select.class).id("monitoring-version");
    }
}
