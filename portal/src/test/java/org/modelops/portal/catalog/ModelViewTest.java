package org.modelops.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.modelops.portal.governance.Deployment;
import org.modelops.portal.governance.ModelSummary;
import org.modelops.portal.governance.ModelVersion;
import org.modelops.portal.governance.Rollback;
import org.modelops.portal.testing.FakeGovernanceApi;
import org.modelops.portal.testing.FakeGovernanceApi.Call;
import org.modelops.portal.testing.Grids;
import org.modelops.portal.testing.Persona;
import org.modelops.portal.testing.PortalUi;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.RouterLink;

class ModelViewTest {

    private static final String MODEL = "credit-score";
    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

    private final FakeGovernanceApi governance = new FakeGovernanceApi();
    private PortalUi portal;

    @BeforeEach
    void aModelWithARetiredAChampionAndAPendingVersion() {
        governance.models.put(MODEL, new ModelSummary(MODEL, "scores loan applications", "risk-team", "HIGH",
                null, MONDAY, "erin", 3));
        governance.versions.put(MODEL, List.of(version(1, "RETIRED"), version(2, "CHAMPION"),
                version(3, "PENDING_APPROVAL")));
        governance.deployments.put(MODEL, new Deployment(MODEL, List.of(new Deployment.Share(2, 100, "CHAMPION"))));
    }

    @AfterEach
    void close() {
        if (portal != null) {
            portal.close();
        }
    }

    static Stream<Arguments> personas() {
        return Stream.of(Arguments.of(Persona.dana(), true), Arguments.of(Persona.ada(), true),
                Arguments.of(Persona.carl(), false), Arguments.of(Persona.erin(), false));
    }

    @ParameterizedTest
    @MethodSource("personas")
    void rollBackIsOfferedOnlyToThoseWhoChangeDeployments(Persona persona, boolean changesDeployments) {
        open(persona);

        assertThat(persona.permissions().changesDeployments()).isEqualTo(changesDeployments);
        assertThat(portal.ui().find(Button.class).withId("roll-back").exists()).isEqualTo(changesDeployments);
    }

    @ParameterizedTest
    @MethodSource("personas")
    void retireIsOfferedOnlyToThoseWhoChangeDeployments(Persona persona, boolean changesDeployments) {
        open(persona);

        // Newest first: row 0 (v3, pending) can be retired; rows 2 (retired) and 1 (serving) say why not, to those
        // who could.
        assertThat(buttonsIn(0)).as("buttons in row 0").hasSize(changesDeployments ? 1 : 0);
        assertThat(buttonsIn(2)).isEmpty();
        assertThat(buttonsIn(1)).isEmpty();
        var servingRow = Grids.components(portal.ui(), versions(), 1, Span.class).stream().map(Span::getText);
        assertThat(servingRow.anyMatch("serves traffic: roll back before retiring"::equals))
                .isEqualTo(changesDeployments);
    }

    @ParameterizedTest
    @MethodSource("personas")
    void evidenceIsLinkedOnlyForThoseWhoReviewTheAuditTrail(Persona persona) {
        open(persona);

        var links = Grids.components(portal.ui(), versions(), 1, RouterLink.class);
        assertThat(links).hasSize(persona.permissions().reviewsAuditTrail() ? 1 : 0);
    }

    @Test
    void onlyAVersionThatNeitherServesNorIsRetiredCanBeRetired() {
        open(Persona.dana());

        assertThat(buttonsIn(2)).isEmpty();
        assertThat(Grids.components(portal.ui(), versions(), 2, Span.class)).extracting(Span::getText)
                .contains("retired");
        assertThat(buttonsIn(1)).isEmpty();
        assertThat(Grids.components(portal.ui(), versions(), 1, Span.class)).extracting(Span::getText)
                .contains("serves traffic: roll back before retiring");
        assertThat(buttonsIn(0)).singleElement().satisfies(retire -> assertThat(retire.isEnabled()).isTrue());
    }

    @Test
    void rollBackNeedsAReasonAndThenCallsTheServiceWithIt() {
        governance.rollback = new Rollback(MODEL, 2, "ROLLED_BACK", "rolled back by dana", false, 1);
        open(Persona.dana());

        portal.ui().test(portal.ui().find(Button.class).id("roll-back")).click();
        portal.ui().test(portal.ui().find(Button.class).id("confirm")).click();

        assertThat(governance.changes()).isEmpty();
        assertThat(portal.ui().find(TextArea.class).id("reason").isInvalid()).isTrue();

        portal.ui().test(portal.ui().find(TextArea.class).id("reason")).setValue("  errors doubled on v2 ");
        portal.ui().test(portal.ui().find(Button.class).id("confirm")).click();

        assertThat(governance.changes())
                .containsExactly(new Call("rollBack", List.of(MODEL, 2, "errors doubled on v2")));
        assertThat(lastNotification())
                .isEqualTo("Rolled back credit-score v2. v1 serves all traffic. Recorded in the audit trail.");
    }

    @Test
    void withoutARolloutRollBackNamesTheChampionItRollsBack() {
        open(Persona.ada());

        assertThat(portal.ui().find(Button.class).withId("stop-rollout").exists()).isFalse();
        portal.ui().test(portal.ui().find(Button.class).id("roll-back")).click();

        assertThat(dialogText()).contains("Roll back credit-score v2?")
                .contains("v2 is rolled back and the previous champion serves all traffic again.");
        confirmWithReason("drift on the eu slice");
        assertThat(governance.changes())
                .containsExactly(new Call("rollBack", List.of(MODEL, 2, "drift on the eu slice")));
    }

    @Test
    void duringARolloutTheActionIsStopRolloutAndItNamesTheCanary() {
        governance.versions.put(MODEL, List.of(version(1, "SUPERSEDED"), version(2, "CHAMPION"),
                version(3, "ROLLING_OUT")));
        governance.deployments.put(MODEL, new Deployment(MODEL, List.of(new Deployment.Share(2, 90, "CHAMPION"),
                new Deployment.Share(3, 10, "ROLLING_OUT"))));
        governance.rollback = new Rollback(MODEL, 3, "ROLLED_BACK", "rollout stopped by dana: latency", true, 2);
        open(Persona.dana());

        assertThat(portal.ui().find(Button.class).withId("roll-back").exists()).isFalse();
        var stop = portal.ui().find(Button.class).id("stop-rollout");
        assertThat(stop.getText()).isEqualTo("Stop rollout");
        portal.ui().test(stop).click();

        assertThat(dialogText()).contains("Stop the rollout of credit-score v3?")
                .contains("v3 stops serving and is rolled back; v2, the champion, serves all traffic again.");
        confirmWithReason("");
        assertThat(governance.changes()).as("a reason is required").isEmpty();
        confirmWithReason("p99 latency doubled on the canary");

        assertThat(governance.changes())
                .containsExactly(new Call("rollBack", List.of(MODEL, 3, "p99 latency doubled on the canary")));
        assertThat(lastNotification()).isEqualTo(
                "Stopped the rollout of credit-score v3. v2 serves all traffic. Recorded in the audit trail.");
    }

    @Test
    void stoppingTheRolloutOfAFirstVersionSaysThatNothingWillServe() {
        governance.versions.put(MODEL, List.of(version(1, "ROLLING_OUT")));
        governance.deployments.put(MODEL, new Deployment(MODEL, List.of(new Deployment.Share(1, 100,
                "ROLLING_OUT"))));
        governance.rollback = new Rollback(MODEL, 1, "ROLLED_BACK", "rollout stopped by dana: wrong features",
                true, null);
        open(Persona.dana());

        portal.ui().test(portal.ui().find(Button.class).id("stop-rollout")).click();
        assertThat(dialogText()).contains("afterwards nothing serves this model");
        confirmWithReason("wrong features");

        assertThat(governance.changes()).containsExactly(new Call("rollBack", List.of(MODEL, 1, "wrong features")));
        assertThat(lastNotification()).isEqualTo("Stopped the rollout of credit-score v1. Nothing serves this model"
                + " now. Recorded in the audit trail.");
    }

    @Test
    void aStaleRollbackSaysThatWhatServesChangedAndShowsWhatServesNow() {
        governance.failing("rollBack", FakeGovernanceApi.refusal(409, "stale-rollback"));
        open(Persona.dana());
        var deploymentReads = governance.calls("deployment").size();

        portal.ui().test(portal.ui().find(Button.class).id("roll-back")).click();
        confirmWithReason("errors doubled");

        assertThat(lastNotification()).startsWith("What serves this model changed since the page was loaded")
                .contains("Nothing was changed.");
        assertThat(governance.calls("deployment")).hasSize(deploymentReads + 1);
        assertThat(governance.calls("versions")).hasSizeGreaterThan(1);
    }

    @Test
    void whenNothingServesThePageSaysSoAndWhyAndOffersNoRollBack() {
        var stopped = new ModelVersion(MODEL, 1, "ROLLED_BACK", "rollout stopped by dana: wrong features",
                "sklearn", "v1", "credit pre-screening", "s3://models/1", "sha1", null, null, "erin", MONDAY, null,
                null, null, null, null);
        governance.versions.put(MODEL, List.of(stopped, version(2, "PENDING_APPROVAL")));
        governance.deployments.put(MODEL, new Deployment(MODEL, List.of()));
        open(Persona.dana());

        assertThat(portal.ui().find(Paragraph.class).id("nothing-serves").getText())
                .isEqualTo("Nothing serves this model: v1 was rolled back (rollout stopped by dana: wrong features)"
                        + " and no earlier version is champion. A new version must be approved before anything"
                        + " serves.");
        assertThat(portal.ui().find(Button.class).withId("roll-back").exists()).isFalse();
        assertThat(portal.ui().find(Button.class).withId("stop-rollout").exists()).isFalse();
    }

    @Test
    void beforeAnyVersionServesThePageSaysNoneWasApprovedYet() {
        governance.versions.put(MODEL, List.of(version(1, "PENDING_APPROVAL")));
        governance.deployments.put(MODEL, new Deployment(MODEL, List.of()));
        open(Persona.erin());

        assertThat(portal.ui().find(Paragraph.class).id("nothing-serves").getText())
                .isEqualTo("Nothing serves this model: no version has been approved and rolled out yet.");
    }

    @Test
    void aRollingOutVersionSaysToStopTheRolloutBeforeRetiring() {
        governance.versions.put(MODEL, List.of(version(2, "CHAMPION"), version(3, "ROLLING_OUT")));
        open(Persona.dana());

        assertThat(Grids.components(portal.ui(), versions(), 0, Span.class)).extracting(Span::getText)
                .contains("rolling out: stop the rollout before retiring");
    }

    @Test
    void retireCallsTheServiceForThatVersionWithTheReason() {
        open(Persona.ada());

        portal.ui().test(buttonsIn(0).getFirst()).click();
        portal.ui().test(portal.ui().find(TextArea.class).id("reason")).setValue("superseded");
        portal.ui().test(portal.ui().find(Button.class).id("confirm")).click();

        assertThat(governance.changes()).containsExactly(new Call("retire", List.of(MODEL, 3, "superseded")));
    }

    @Test
    void aModelWithThousandsOfVersionsIsCountedByTheServiceAndPagedLazilyNewestFirst() {
        var many = new java.util.ArrayList<ModelVersion>();
        for (int v = 1; v <= 3000; v++) {
            many.add(version(v, v == 2 ? "CHAMPION" : v == 1 ? "SUPERSEDED" : "PENDING_APPROVAL"));
        }
        governance.versions.put(MODEL, many);
        governance.deployments.put(MODEL, new Deployment(MODEL, List.of(new Deployment.Share(2, 100, "CHAMPION"))));
        open(Persona.dana());

        var grid = portal.ui().test(versions());
        assertThat(grid.size()).isEqualTo(3000);
        assertThat(grid.getRow(0).version()).as("newest first").isEqualTo(3000);
        assertThat(grid.getRow(2999).version()).isEqualTo(1);
        assertThat(portal.ui().find(Button.class).id("roll-back").getText()).isEqualTo("Roll back");
        // Every request asks for one page; none asks for all the versions.
        assertThat(governance.calls("versions")).allSatisfy(call -> assertThat((int) call.arguments().get(3))
                .isLessThanOrEqualTo(200));
        assertThat(governance.calls("versions")).anySatisfy(call -> assertThat(call.arguments())
                .isEqualTo(List.of(MODEL, "CHAMPION", 0, 1)));
    }

    @Test
    void theNewestVersionIsSelectedAndItsTimelineShown() {
        open(Persona.dana());

        assertThat(versions().getSelectedItems()).extracting(ModelVersion::version).containsExactly(3);
        assertThat(governance.calls("timeline")).extracting(Call::arguments).containsExactly(List.of(MODEL, 3));
    }

    private void confirmWithReason(String reason) {
        portal.ui().test(portal.ui().find(TextArea.class).id("reason")).setValue(reason);
        portal.ui().test(portal.ui().find(Button.class).id("confirm")).click();
    }

    private String dialogText() {
        var dialog = portal.ui().find(Dialog.class).last();
        return dialog.getHeaderTitle() + " " + dialog.getElement().getTextRecursively();
    }

    private String lastNotification() {
        return portal.ui().test(portal.ui().find(Notification.class).last()).getText();
    }

    private void open(Persona persona) {
        portal = PortalUi.as(persona, governance);
        portal.ui().navigate(ModelView.class, MODEL);
    }

    @SuppressWarnings("unchecked")
    private Grid<ModelVersion> versions() {
        return portal.ui().find(Grid.class).id("versions");
    }

    private List<Button> buttonsIn(int row) {
        return Grids.components(portal.ui(), versions(), row, Button.class);
    }

    private static ModelVersion version(int version, String state) {
        return new ModelVersion(MODEL, version, state, null, "sklearn", "v" + version, "credit pre-screening",
                "s3://models/" + version, "sha" + version, null, null, "erin", MONDAY.plusSeconds(version), null,
                null, null, null, null);
    }
}
