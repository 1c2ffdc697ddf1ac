package org.modelops.portal.testing;

import java.util.Arrays;
import java.util.Set;

import com.vaadin.flow.router.Layout;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

/** Reads a view's access annotations the way Vaadin's access checker does, for a signed-in user's roles. */
public final class Access {

    private Access() {
    }

    public static boolean admits(Class<?> view, Set<String> roles) {
        if (view.isAnnotationPresent(DenyAll.class)) {
            return false;
        }
        var allowed = view.getAnnotation(RolesAllowed.class);
        if (allowed != null) {
            return Arrays.stream(allowed.value()).anyMatch(roles::contains);
        }
        if (view.isAnnotationPresent(PermitAll.class)) {
            return true;
        }
        throw new AssertionError(view.getSimpleName() + " has no access annotation, so Vaadin denies it to everyone"
                + (view.isAnnotationPresent(Layout.class) ? " (a layout)" : ""));
    }
}
