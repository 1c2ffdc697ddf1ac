package org.modelops.portal.security;

import org.springframework.stereotype.Component;

import com.vaadin.flow.server.CustomizedSystemMessages;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

/**
 * When the portal session has expired, the browser reloads the page it is on instead of showing Vaadin's "session
 * expired" notice: the reload finds no session, so Spring Security sends the user to Keycloak's sign-in, which
 * brings them back to the same page afterwards.
 */
@Component
class SessionExpiry implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        var messages = new CustomizedSystemMessages();
        messages.setSessionExpiredNotificationEnabled(false);
        messages.setCookiesDisabledCaption("Cookies are switched off");
        messages.setCookiesDisabledMessage("The portal needs cookies to keep you signed in. Switch them on for this"
                + " site, then reload the page.");
        event.getSource().setSystemMessagesProvider(info -> messages);
    }
}
