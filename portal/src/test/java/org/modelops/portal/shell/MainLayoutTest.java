package org.modelops.portal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.modelops.portal.audit.AuditView;
import org.modelops.portal.catalog.CatalogView;
import org.modelops.portal.decision.InboxView;
import org.modelops.portal.events.SubscriptionsView;
import org.modelops.portal.testing.Access;
import org.modelops.portal.testing.FakeGovernanceApi;
import org.modelops.portal.testing.Persona;
import org.modelops.portal.testing.PortalUi;
import org.modelops.portal.testing.Tasks;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;

class MainLayoutTest {

    private final FakeGovernanceApi governance = new FakeGovernanceApi();
    private PortalUi portal;

    @AfterEach
    void close() {
        if (portal != null) {
            portal.close();
        }
    }

    static Stream<Arguments> personas() {
        return Stream.of(Arguments.of(Persona.dana(), List.of("Decisions", "Models")),
                Arguments.of(Persona.carl(), List.of("Models", "Audit trail")),
                Arguments.of(Persona.erin(), List.of("Models")),
                Arguments.of(Persona.ada(), List.of("Decisions", "Models", "Audit trail", "Event subscriptions")));
    }

    @ParameterizedTest
    @MethodSource("personas")
    void offersEachPersonaTheirPages(Persona persona, List<String> pages) {
        open(persona);

        assertThat(items().stream().map(SideNavItem::getLabel)).containsExactlyElementsOf(pages);
    }

    @ParameterizedTest
    @MethodSource("personas")
    void offersExactlyThePagesThePermissionsAllow(Persona persona) {
        open(persona);

        var permissions = persona.permissions();
        var expected = new ArrayList<String>();
        if (permissions.decidesPromotions()) {
            expected.add("decisions");
        }
        expected.add("models");
        if (permissions.reviewsAuditTrail()) {
            expected.add("audit");
        }
        if (permissions.administersEventSubscriptions()) {
            expected.add("event-subscriptions");
        }
        assertThat(items().stream().map(SideNavItem::getPath)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("personas")
    void neverOffersAPageTheViewWouldRefuse(Persona persona) {
        open(persona);

        var views = List.of(InboxView.class, CatalogView.class, AuditView.class, SubscriptionsView.class);
        for (var item : items()) {
            var target = views.stream()
                    .filter(view -> item.getPath().equals(view.getAnnotation(com.vaadin.flow.router.Route.class)
                            .value()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("unexpected page " + item.getPath()));
            assertThat(Access.admits(target, persona.roles())).as(item.getLabel()).isTrue();
        }
    }

    @Test
    void clickingAnItemOpensItsPage() {
        open(Persona.ada());

        portal.ui().test(portal.ui().find(SideNav.class).single()).clickItem("Audit trail");

        assertThat(portal.ui().getCurrentView()).isInstanceOf(AuditView.class);
    }

    @Test
    void showsWhoIsSignedInAndSignsThemOut() {
        var dana = Persona.dana();
        open(dana);

        assertThat(portal.ui().find(Span.class).id("signed-in-user").getText())
                .isEqualTo("Dana Domain · domain-expert");
        portal.ui().test(portal.ui().find(Button.class).id("sign-out")).click();
        assertThat(dana.signOuts()).isEqualTo(1);
    }

    @Test
    void theDecisionsItemCountsWhatWaitsAndCountsAfreshOnEveryPageChange() {
        governance.tasks.add(Tasks.task("t1", "credit-score", 4, "HIGH", false, Instant.EPOCH));
        governance.tasks.add(Tasks.task("t2", "churn", 2, "LOW", false, Instant.EPOCH));
        open(Persona.dana());

        assertThat(waitingBadge()).isEqualTo("2");

        governance.tasks.removeFirst();
        portal.ui().navigate(CatalogView.class);
        assertThat(waitingBadge()).isEqualTo("1");

        governance.tasks.clear();
        portal.ui().navigate(InboxView.class);
        assertThat(items().getFirst().getSuffixComponent()).isNull();
    }

    @Test
    void thoseWhoDoNotDecideAreNotAskedForTheirInbox() {
        open(Persona.carl());

        assertThat(governance.calls("inbox")).isEmpty();
    }

    private String waitingBadge() {
        var suffix = items().getFirst().getSuffixComponent();
        assertThat(suffix).isInstanceOf(Span.class);
        return ((Span) suffix).getText();
    }

    private void open(Persona persona) {
        portal = PortalUi.as(persona, governance);
        portal.ui().navigate(CatalogView.class);
    }

    private List<SideNavItem> items() {
        return portal.ui().find(SideNav.class).single().getItems();
    }
}
