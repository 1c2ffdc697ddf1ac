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
import org.modelops.portal.testing.FakeGovernanceApi;
import org.modelops.portal.testing.FakeGovernanceApi.Call;
import org.modelops.portal.testing.Grids;
import org.modelops.portal.testing.Persona;
import org.modelops.portal.testing.PortalUi;

import com.vaadin.flow.component.button.Button;
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

        // Row 2 (pending) can be retired; rows 0 (retired) and 1 (serving) say why not, to those who could.
        assertThat(buttonsIn(2)).as("buttons in row 2").hasSize(changesDeployments ? 1 : 0);
        assertThat(buttonsIn(0)).isEmpty();
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

        assertThat(buttonsIn(0)).isEmpty();
        assertThat(Grids.components(portal.ui(), versions(), 0, Span.class)).extracting(Span::getText)
                .contains("retired");
        assertThat(buttonsIn(1)).isEmpty();
        assertThat(Grids.components(portal.ui(), versions(), 1, Span.class)).extracting(Span::getText)
                .contains("serves traffic: roll back before retiring");
        assertThat(buttonsIn(2)).singleElement().satisfies(retire -> assertThat(retire.isEnabled()).isTrue());
    }

    @Test
    void rollBackNeedsAReasonAndThenCallsTheServiceWithIt() {
        open(Persona.dana());

        portal.ui().test(portal.ui().find(Button.class).id("roll-back")).click();
        portal.ui().test(portal.ui().find(Button.class).id("confirm")).click();

        assertThat(governance.changes()).isEmpty();
        assertThat(portal.ui().find(TextArea.class).id("reason").isInvalid()).isTrue();

        portal.ui().test(portal.ui().find(TextArea.class).id("reason")).setValue("  errors doubled on v2 ");
        portal.ui().test(portal.ui().find(Button.class).id("confirm")).click();

        assertThat(governance.changes()).containsExactly(new Call("rollBack", List.of(MODEL, "errors doubled on v2")));
        assertThat(portal.ui().test(portal.ui().find(Notification.class).last()).getText())
                .isEqualTo("Rolled back credit-score. Recorded in the audit trail.");
    }

    @Test
    void retireCallsTheServiceForThatVersionWithTheReason() {
        open(Persona.ada());

        portal.ui().test(buttonsIn(2).getFirst()).click();
        portal.ui().test(portal.ui().find(TextArea.class).id("reason")).setValue("superseded");
        portal.ui().test(portal.ui().find(Button.class).id("confirm")).click();

        assertThat(governance.changes()).containsExactly(new Call("retire", List.of(MODEL, 3, "superseded")));
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
                null, null, null);
    }
}
