package org.modelops.portal.shell;

import org.modelops.portal.audit.AuditView;
import org.modelops.portal.catalog.CatalogView;
import org.modelops.portal.decision.InboxView;
import org.modelops.portal.events.SubscriptionsView;
import org.modelops.portal.governance.GovernanceApi;
import org.modelops.portal.governance.InboxFilter;
import org.modelops.portal.security.CurrentUser;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import jakarta.annotation.security.PermitAll;

/**
 * Navigation drawer (collapses on narrow screens) with only the pages the user's roles may use; for those who decide,
 * the Decisions item counts what waits for them, afresh on every page change.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final GovernanceApi governance;
    private SideNavItem decisions;

    public MainLayout(CurrentUser user, GovernanceApi governance) {
        this.governance = governance;
        var title = new Span("ModelOps governance");
        title.addClassNames("text-l", "font-semibold");

        var who = new Span(user.displayName() + " · " + String.join(", ", user.roles().stream().sorted().toList()));
        who.addClassNames("text-s", "text-secondary");
        who.setId("signed-in-user");
        var signOut = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), click -> user.signOut());
        signOut.addThemeVariants(ButtonVariant.TERTIARY);
        signOut.setId("sign-out");

        var header = new HorizontalLayout(new DrawerToggle(), title, who, signOut);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.expand(who);
        header.setWidthFull();
        header.addClassNames("px-s");
        header.setWrap(true);
        addToNavbar(header);

        var navigation = new SideNav();
        navigation.setLabel("Pages");
        var permissions = user.permissions();
        if (permissions.decidesPromotions()) {
            decisions = new SideNavItem("Decisions", InboxView.class, VaadinIcon.INBOX.create());
            navigation.addItem(decisions);
        }
        navigation.addItem(new SideNavItem("Models", CatalogView.class, VaadinIcon.CLUSTER.create()));
        if (permissions.reviewsAuditTrail()) {
            navigation.addItem(new SideNavItem("Audit trail", AuditView.class, VaadinIcon.RECORDS.create()));
        }
        if (permissions.administersEventSubscriptions()) {
            navigation.addItem(new SideNavItem("Event subscriptions", SubscriptionsView.class,
                    VaadinIcon.CONNECT.create()));
        }
        addToDrawer(navigation);
        setPrimarySection(Section.DRAWER);
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        if (decisions == null) {
            return;
        }
        long waiting;
        try {
            // The inbox itself has just counted them: no second request for the same number.
            var counted = event.getActiveChain().stream().filter(InboxView.class::isInstance)
                    .map(view -> ((InboxView) view).waiting()).filter(java.util.Objects::nonNull).findFirst();
            waiting = counted.isPresent() ? counted.get() : governance.inbox(InboxFilter.ALL, 0, 1).total();
        } catch (RuntimeException e) {
            decisions.setSuffixComponent(null); // the page itself says what went wrong
            return;
        }
        if (waiting == 0) {
            decisions.setSuffixComponent(null);
            return;
        }
        var count = new Span(String.valueOf(waiting));
        count.setId("decisions-waiting");
        count.getElement().getThemeList().add("badge pill small contrast");
        count.getElement().setAttribute("aria-label", waiting + (waiting == 1 ? " decision waits" : " decisions wait"));
        decisions.setSuffixComponent(count);
    }
}
