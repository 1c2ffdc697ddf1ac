package org.modelops.portal.shell;

import org.modelops.portal.audit.AuditView;
import org.modelops.portal.catalog.CatalogView;
import org.modelops.portal.decision.InboxView;
import org.modelops.portal.security.CurrentUser;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

/** The landing page sends each persona to their work: decisions, the audit trail, or the model catalog. */
@Route("")
@PermitAll
public class HomeView extends Div implements BeforeEnterObserver {

    private final CurrentUser user;

    public HomeView(CurrentUser user) {
        this.user = user;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var permissions = user.permissions();
        if (permissions.decidesPromotions()) {
            event.forwardTo(InboxView.class);
        } else if (permissions.reviewsAuditTrail()) {
            event.forwardTo(AuditView.class);
        } else {
            event.forwardTo(CatalogView.class);
        }
    }
}
