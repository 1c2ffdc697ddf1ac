package org.modelops.portal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.modelops.portal.audit.AuditView;
import org.modelops.portal.catalog.CatalogView;
import org.modelops.portal.decision.InboxView;
import org.modelops.portal.testing.FakeGovernanceApi;
import org.modelops.portal.testing.Persona;
import org.modelops.portal.testing.PortalUi;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.RouteConfiguration;

class HomeViewTest {

    private PortalUi portal;

    @AfterEach
    void close() {
        if (portal != null) {
            portal.close();
        }
    }

    static Stream<Arguments> personas() {
        return Stream.of(Arguments.of(Persona.dana(), InboxView.class), Arguments.of(Persona.carl(), AuditView.class),
                Arguments.of(Persona.erin(), CatalogView.class), Arguments.of(Persona.ada(), InboxView.class));
    }

    @ParameterizedTest
    @MethodSource("personas")
    void theLandingPageForwardsEachPersonaToTheirWork(Persona persona, Class<? extends Component> work) {
        portal = PortalUi.as(persona, new FakeGovernanceApi());
        portal.ui().navigate(CatalogView.class);

        // the library checks that navigating to the landing page ("") ended on the expected view
        portal.ui().navigate(RouteConfiguration.forApplicationScope().getUrl(HomeView.class), work);

        assertThat(portal.ui().getCurrentView()).isExactlyInstanceOf(work);
    }
}
