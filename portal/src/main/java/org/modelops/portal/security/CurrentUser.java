package org.modelops.portal.security;

import java.util.Set;

/** The person using the portal. */
public interface CurrentUser {

    String username();

    String displayName();

    Set<String> roles();

    /** Ends the portal session and the Keycloak session, then returns to the sign-in page. */
    void signOut();

    default Permissions permissions() {
        return new Permissions(roles());
    }
}
