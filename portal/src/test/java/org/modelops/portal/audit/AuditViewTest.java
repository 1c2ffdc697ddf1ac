package org.modelops.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelops.portal.governance.AuditEvent;
import org.modelops.portal.governance.IntegrityReport;
import org.modelops.portal.governance.ServiceUnavailable;
import org.modelops.portal.testing.FakeGovernanceApi;
import org.modelops.portal.testing.Persona;
import org.modelops.portal.testing.PortalUi;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;

class AuditViewTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

    private final FakeGovernanceApi governance = new FakeGovernanceApi();
    private PortalUi portal;

    @BeforeEach
    void aTrailOfThreeEvents() {
        governance.auditTrail.add(event(3, "dana", "approval.decided", "credit-score/4"));
        governance.auditTrail.add(event(2, "erin", "version.submitted", "credit-score/4"));
        governance.auditTrail.add(event(1, "erin", "version.submitted", "churn/2"));
    }

    @AfterEach
    void close() {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void verifyOnAnIntactTrailSaysSoWithTheNumberOfEventsChecked() {
        governance.integrity = new IntegrityReport(true, 1234, null, null);
        open();

        verify();

        assertThat(integrity().getText()).isEqualTo(
                "Intact: 1234 events checked, every hash matches its event and links to the one before.");
        assertThat(integrity().getClassNames()).containsExactly("integrity-ok");
        assertThat(governance.calls("verifyAuditTrail")).hasSize(1);
        assertThat(portal.ui().test(verifyButton()).isUsable()).isTrue();
    }

    @Test
    void verifyOnABrokenTrailNamesTheFirstBrokenSequence() {
        governance.integrity = new IntegrityReport(false, 57, 42L, "hash of event 42 does not match its content");
        open();

        verify();

        assertThat(integrity().getText()).isEqualTo("Broken at sequence 42 after 57 events checked: "
                + "hash of event 42 does not match its content. "
                + "Events from there on cannot be trusted; tell your security team.");
        assertThat(integrity().getClassNames()).containsExactly("integrity-broken");
    }

    @Test
    void verifyWhenTheServiceIsDownExplainsAndCanBeTriedAgain() {
        var unavailable = new ServiceUnavailable("connection refused", null);
        governance.failing("verifyAuditTrail", unavailable);
        open();

        verify();

        assertThat(integrity().getText()).isEqualTo(unavailable.plainMessage());
        assertThat(portal.ui().test(verifyButton()).isUsable()).isTrue();
    }

    @Test
    void withoutFiltersEveryEventIsListedAndCounted() {
        open();

        assertThat(portal.ui().test(events()).size()).isEqualTo(3);
        assertThat(count()).isEqualTo("3 events match. Newest first.");
        assertThat(governance.auditQueries().getLast().parameters()).isEmpty();
    }

    @Test
    void theCheckRunsInTheBackgroundWhileThePageSaysSoAndPolls() {
        governance.integrity = new IntegrityReport(true, 3, null, null);
        var waiting = new ArrayList<Runnable>();
        portal = PortalUi.as(Persona.carl(), governance, waiting::add);
        portal.ui().navigate(AuditView.class);

        portal.ui().test(verifyButton()).click(); // the check has started, its answer is not back yet

        assertThat(integrity().getText()).startsWith("Checking every event of the trail");
        assertThat(portal.ui().getUI().getPollInterval()).isPositive();
        assertThat(portal.ui().test(verifyButton()).isUsable()).isFalse();
        assertThat(governance.calls("forBackgroundWork")).hasSize(1);

        assertThat(waiting).hasSize(1);
        waiting.getFirst().run(); // the service answers
        portal.ui().roundTrip(); // the next poll brings the answer to the page

        assertThat(integrity().getText()).startsWith("Intact: 3 events checked");
        assertThat(portal.ui().getUI().getPollInterval()).isEqualTo(-1);
        assertThat(portal.ui().test(verifyButton()).isUsable()).isTrue();
    }

    @Test
    void theModelFilterIsPassedToTheService() {
        open();

        portal.ui().test(portal.ui().find(TextField.class).id("audit-model")).setValue(" credit-score ");

        assertThat(portal.ui().test(events()).size()).isEqualTo(2);
        var filter = governance.auditQueries().getLast();
        assertThat(filter.model()).isEqualTo(" credit-score ");
        assertThat(filter.parameters()).isEqualTo(Map.of("model", "credit-score"));
        assertThat(count()).isEqualTo("2 events match. Newest first.");
    }

    @Test
    void changingAFilterReloadsTheEventsAtOnce() {
        open();
        var queriesBefore = governance.auditQueries().size();

        portal.ui().test(portal.ui().find(TextField.class).id("audit-actor")).setValue("erin");
        portal.ui().roundTrip();

        assertThat(governance.auditQueries()).hasSizeGreaterThan(queriesBefore);
        assertThat(governance.auditQueries().getLast().actor()).isEqualTo("erin");
        assertThat(count()).isEqualTo("2 events match. Newest first.");
    }

    @Test
    void actorActionAndTimeFiltersArePassedToTheServiceTogether() {
        open();

        portal.ui().test(portal.ui().find(TextField.class).id("audit-actor")).setValue("dana");
        portal.ui().test(comboBox("audit-action")).selectItem("approval.decided");
        portal.ui().test(portal.ui().find(DateTimePicker.class).id("audit-from"))
                .setValue(LocalDateTime.of(2026, 3, 1, 0, 0));
        portal.ui().test(portal.ui().find(DateTimePicker.class).id("audit-to"))
                .setValue(LocalDateTime.of(2026, 3, 3, 12, 30));

        assertThat(portal.ui().test(events()).size()).isEqualTo(1);
        assertThat(governance.auditQueries().getLast().parameters()).containsExactly(Map.entry("actor", "dana"),
                Map.entry("action", "approval.decided"), Map.entry("from", "2026-03-01T00:00:00Z"),
                Map.entry("to", "2026-03-03T12:30:00Z"));
        assertThat(count()).isEqualTo("1 event matches. Newest first.");
    }

    @Test
    void eventsRecordedWhileReadingDoNotShiftThePages() {
        open();
        assertThat(portal.ui().test(events()).size()).isEqualTo(3);

        // Somebody records an event; the pages already counted are read up to the newest event counted.
        governance.auditTrail.addFirst(event(4, "ada", "policy.published", "policy/low-risk"));
        var pageReads = governance.auditQueries().stream().filter(f -> f.upToSequence() != null).toList();

        assertThat(pageReads).isNotEmpty().allSatisfy(f -> assertThat(f.upToSequence()).isEqualTo(3L));
        assertThat(pageReads.getLast().parameters()).containsEntry("toSequence", "3");
    }

    @Test
    void verifyingShowsTheCheckItRecordedAtOnce() {
        governance.integrity = new IntegrityReport(true, 3, null, null);
        open();
        assertThat(count()).isEqualTo("3 events match. Newest first.");

        governance.auditTrail.addFirst(event(4, "carl", "audit.verified", "trail"));
        verify();
        portal.ui().roundTrip();

        assertThat(count()).isEqualTo("4 events match. Newest first.");
        assertThat(portal.ui().test(events()).size()).isEqualTo(4);
    }

    private void open() {
        portal = PortalUi.as(Persona.carl(), governance);
        portal.ui().navigate(AuditView.class);
    }

    /** Clicks Verify; the check runs in the background and reports back on the next round trip. */
    private void verify() {
        portal.ui().test(verifyButton()).click();
        portal.ui().roundTrip();
    }

    private Button verifyButton() {
        return portal.ui().find(Button.class).id("verify");
    }

    private Div integrity() {
        return portal.ui().find(Div.class).id("integrity");
    }

    private String count() {
        return portal.ui().find(Paragraph.class).id("audit-count").getText();
    }

    @SuppressWarnings("unchecked")
    private Grid<AuditEvent> events() {
        return portal.ui().find(Grid.class).id("audit-events");
    }

    @SuppressWarnings("unchecked")
    private ComboBox<String> comboBox(String id) {
        return portal.ui().find(ComboBox.class).id(id);
    }

    private static AuditEvent event(long sequence, String actor, String action, String subject) {
        return new AuditEvent(sequence, MONDAY.plusSeconds(sequence), actor, actor + "-subject", List.of(), action,
                "model-version", subject, Map.of(), "corr-" + sequence, "prev" + sequence, "hash-of-event-" + sequence);
    }
}
