package org.modelops.portal.testing;

import java.util.Set;

import org.modelops.portal.security.CurrentUser;
import org.modelops.portal.security.Roles;

/** A signed-in user with fixed roles, as the demo realm issues them; counts how often they signed out. */
public final class Persona implements CurrentUser {

    public static Persona dana() {
        return new Persona("dana", "Dana Domain", Roles.DOMAIN_EXPERT);
    }

    public static Persona carl() {
        return new Persona("carl", "Carl Compliance", Roles.COMPLIANCE_OFFICER);
    }

    public static Persona erin() {
        return new Persona("erin", "Erin Engineer", Roles.ML_ENGINEER);
    }

    public static Persona ada() {
        return new Persona("ada", "Ada Admin", Roles.GOVERNANCE_ADMIN);
    }

    private final String username;
    private final String displayName;
    private final Set<String> roles;
    private int signOuts;

    public Persona(String username, String displayName, String... roles) {
        this.username = username;
        this.displayName = displayName;
        this.roles = Set.of(roles);
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public Set<String> roles() {
        return roles;
    }

    @Override
    public void signOut() {
        signOuts++;
    }

    public int signOuts() {
        return signOuts;
    }

    @Override
    public String toString() {
        return username + " " + roles;
    }
}
