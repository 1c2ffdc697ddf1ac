package org.modelops.portal.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelops.portal.testing.Grids.column;
import static org.modelops.portal.testing.Tasks.task;

import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.modelops.portal.governance.DecisionTask;
import org.modelops.portal.governance.ServiceUnavailable;
import org.modelops.portal.testing.FakeGovernanceApi;
import org.modelops.portal.testing.Persona;
import org.modelops.portal.testing.PortalUi;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.router.RouterLink;

class InboxViewTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

    private final FakeGovernanceApi governance = new FakeGovernanceApi();
    private PortalUi portal;

    @AfterEach
    void close() {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void summaryCountsTheTasksTheHighRiskOnesAndTheEscalatedOnes() {
        governance.tasks.add(task("t1", "credit-score", 4, "HIGH", true, MONDAY.plusSeconds(60)));
        governance.tasks.add(task("t2", "churn", 2, "LOW", false, MONDAY));
        governance.tasks.add(task("t3", "fraud", 1, "HIGH", false, MONDAY.plusSeconds(120)));

        openInbox();

        assertThat(summary()).isEqualTo("3 decisions wait for you (2 high risk, 1 escalated).");
    }

    @Test
    void anEscalatedLowRiskTaskStillGetsTheBreakdown() {
        governance.tasks.add(task("t1", "churn", 2, "LOW", true, MONDAY));
        governance.tasks.add(task("t2", "fraud", 2, "MEDIUM", false, MONDAY));

        openInbox();

        assertThat(summary()).isEqualTo("2 decisions wait for you (0 high risk, 1 escalated).");
    }

    @Test
    void oneOrdinaryTaskIsSaidInTheSingularWithoutTheBreakdown() {
        governance.tasks.add(task("t1", "churn", 2, "LOW", false, MONDAY));

        openInbox();

        assertThat(summary()).isEqualTo("1 decision waits for you.");
    }

    @Test
    void gridListsEveryTaskOldestFirstLinkingToItsDecisionPage() {
        var newer = task("t1", "credit-score", 4, "HIGH", true, MONDAY.plusSeconds(60));
        var older = task("t2", "churn", 1, "LOW", false, MONDAY);
        governance.tasks.add(newer);
        governance.tasks.add(older);

        openInbox();

        var inbox = inbox();
        var grid = portal.ui().test(inbox);
        assertThat(grid.size()).isEqualTo(2);
        assertThat(grid.getRow(0)).isEqualTo(older);
        assertThat(grid.getRow(1)).isEqualTo(newer);
        assertThat(grid.getCellText(0, column(inbox, "Approvals"))).isEqualTo("0 of 1");
        assertThat(grid.getCellText(1, column(inbox, "Approvals"))).isEqualTo("0 of 2");
        assertThat(grid.getCellText(0, column(inbox, "Change"))).isEqualTo("first champion");
        assertThat(grid.getCellText(1, column(inbox, "Change"))).isEqualTo("replaces v3");
        assertThat(grid.getCellText(0, column(inbox, "Escalated"))).isEmpty();
        assertThat(grid.getCellText(1, column(inbox, "Escalated"))).isEqualTo("escalated");
        assertThat(grid.getCellText(1, column(inbox, "Waiting since"))).isEqualTo("2026-03-02 09:01:00 UTC");

        var link = (RouterLink) grid.getCellComponent(1, column(inbox, "Decision"));
        assertThat(link.getText()).isEqualTo("credit-score v4");
        assertThat(portal.ui().test(link).getRoute()).contains(DecisionView.class);
        assertThat(portal.ui().test(link).getPath()).isEqualTo("decision/t1");
    }

    @Test
    void aLargeInboxIsCountedByTheServiceAndPagedLazily() {
        for (int i = 0; i < 1000; i++) {
            governance.tasks.add(task("t" + i, "model-" + i, 1, i % 10 == 0 ? "HIGH" : "LOW", i % 100 == 0,
                    MONDAY.plusSeconds(1000 - i)));
        }

        openInbox();

        assertThat(summary()).isEqualTo("1000 decisions wait for you (100 high risk, 10 escalated).");
        var grid = portal.ui().test(inbox());
        assertThat(grid.size()).isEqualTo(1000);
        assertThat(grid.getRow(0).id()).as("oldest first").isEqualTo("t999");
        assertThat(grid.getRow(999).id()).isEqualTo("t0");
    }

    @Test
    void theSummaryTheFirstRowsAndTheNavigationBadgeCostOneRequest() {
        for (int i = 0; i < 1000; i++) {
            governance.tasks.add(task("t" + i, "model-" + i, 1, "LOW", false, MONDAY.plusSeconds(1000 - i)));
        }

        portal = PortalUi.as(Persona.dana(), governance); // a domain expert lands on the inbox
        var grid = portal.ui().test(inbox());
        assertThat(grid.getRow(0).id()).isEqualTo("t999");

        assertThat(governance.calls()).extracting(FakeGovernanceApi.Call::method).containsExactly("inboxFirstPage");
        assertThat(portal.ui().find(com.vaadin.flow.component.html.Span.class).id("decisions-waiting").getText())
                .isEqualTo("1000");
    }

    @Test
    void anEmptyInboxSaysSoAndShowsNoGrid() {
        openInbox();

        assertThat(summary()).isEqualTo("Nothing is waiting for you.");
        assertThat(portal.ui().find(Grid.class).withId("inbox").exists()).isFalse();
    }

    @Test
    void anUnreachableServiceIsExplainedInPlainWordsAndListsNothing() {
        var unavailable = new ServiceUnavailable("connection refused", null);
        governance.failing("inbox", unavailable);

        openInbox();

        assertThat(summary()).isEqualTo(unavailable.plainMessage());
        assertThat(portal.ui().test(inbox()).size()).isZero();
        assertThat(portal.ui().test(portal.ui().find(Notification.class).last()).getText())
                .isEqualTo(unavailable.plainMessage());
    }

    private void openInbox() {
        portal = PortalUi.as(Persona.dana(), governance);
        portal.ui().navigate(InboxView.class);
    }

    private String summary() {
        return portal.ui().find(Paragraph.class).id("inbox-summary").getText();
    }

    @SuppressWarnings("unchecked")
    private Grid<DecisionTask> inbox() {
        return portal.ui().find(Grid.class).id("inbox");
    }
}
