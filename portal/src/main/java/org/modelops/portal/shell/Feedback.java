package org.modelops.portal.shell;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.modelops.portal.governance.ServiceRefusal;
import org.modelops.portal.governance.ServiceUnavailable;
import org.modelops.portal.security.AccessTokens;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.VaadinSession;

/** Tells the user, in plain language, what happened to what they asked for. */
public final class Feedback {

    static final String UNEXPECTED = "Something went wrong in the portal. Reload the page to see where things stand;"
            + " the details are in the portal's log.";
    private static final Logger LOG = LoggerFactory.getLogger(Feedback.class);

    private Feedback() {
    }

    public static void success(String message) {
        show(message, NotificationVariant.SUCCESS, 5000);
    }

    public static void problem(String message) {
        show(message, NotificationVariant.ERROR, 10000);
    }

    /** Shows why a call failed; a session that ended sends the user back to sign in. */
    public static String explain(RuntimeException failure) {
        var message = switch (failure) {
            case ServiceRefusal refusal -> refusal.plainMessage();
            case ServiceUnavailable unavailable -> unavailable.plainMessage();
            case AccessTokens.SessionEnded ended -> {
                // Keycloak no longer renews the token: end the portal session too, so the reload asks for a sign-in.
                UI.getCurrent().getPage().setLocation("/");
                VaadinSession.getCurrent().getSession().invalidate();
                yield "Your session has ended. Taking you to sign in again.";
            }
            default -> {
                LOG.error("unexpected failure while serving {}", UI.getCurrent() == null
                        ? "?"
                        : UI.getCurrent()
                                .getActiveViewLocation()
                                .getPath(),
                        failure);
                yield UNEXPECTED;
            }
        };
        problem(message);
        return message;
    }

    private static void show(String message, NotificationVariant variant, int duration) {
        var notification = new Notification(message, duration, Notification.Position.TOP_CENTER);
        notification.addThemeVariants(variant);
        notification.setAssertive(variant == NotificationVariant.ERROR);
        notification.open();
    }
}
