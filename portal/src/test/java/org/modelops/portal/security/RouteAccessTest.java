package org.modelops.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelops.portal.PortalApplication;
import org.modelops.portal.audit.AuditView;
import org.modelops.portal.audit.EvidenceView;
import org.modelops.portal.catalog.CatalogView;
import org.modelops.portal.catalog.ModelView;
import org.modelops.portal.decision.DecisionView;
import org.modelops.portal.decision.InboxView;
import org.modelops.portal.events.SubscriptionsView;
import org.modelops.portal.monitoring.MonitoringView;
import org.modelops.portal.monitoring.ReviewView;
import org.modelops.portal.shell.HomeView;
import org.modelops.portal.shell.MainLayout;
import org.modelops.portal.testing.Access;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import com.vaadin.flow.router.Layout;
import com.vaadin.flow.router.Route;

/**
 * Every page's {@code @RolesAllowed} / {@code @PermitAll} admits exactly the role sets that {@link Permissions}
 * offers it to, so the navigation never links to a page that refuses, nor hides one that would open.
 */
class RouteAccessTest {

    /** Which permission each page needs; a page missing here fails the test, so new pages must be classified. */
    private static final Map<Class<?>, Predicate<Permissions>> NEEDS = Map.ofEntries(
            Map.entry(InboxView.class, Permissions::decidesPromotions),
            Map.entry(DecisionView.class, Permissions::decidesPromotions),
            Map.entry(ReviewView.class, Permissions::decidesPromotions),
            Map.entry(AuditView.class, Permissions::reviewsAuditTrail),
            Map.entry(EvidenceView.class, Permissions::reviewsAuditTrail),
            Map.entry(SubscriptionsView.class, Permissions::administersEventSubscriptions),
            Map.entry(CatalogView.class, p -> true), Map.entry(ModelView.class, p -> true),
            Map.entry(MonitoringView.class, p -> true), Map.entry(HomeView.class, p -> true),
            Map.entry(MainLayout.class, p -> true));

    private static List<Class<?>> pages;
    private static List<Set<String>> roleSets;

    @BeforeAll
    static void findPagesAndRoles() throws ReflectiveOperationException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        scanner.addIncludeFilter(new AnnotationTypeFilter(Layout.class));
        pages = new ArrayList<>();
        for (var page : scanner.findCandidateComponents(PortalApplication.class.getPackageName())) {
            pages.add(Class.forName(page.getBeanClassName()));
        }
        var roles = new ArrayList<String>();
        for (var field : Roles.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                roles.add((String) field.get(null));
            }
        }
        roleSets = new ArrayList<>();
        for (var mask = 0; mask < 1 << roles.size(); mask++) {
            var set = new HashSet<String>();
            for (var i = 0; i < roles.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    set.add(roles.get(i));
                }
            }
            roleSets.add(Set.copyOf(set));
        }
    }

    @Test
    void scanFindsThePortalsPagesAndRoles() {
        assertThat(pages).contains(InboxView.class, AuditView.class, MainLayout.class);
        assertThat(roleSets).hasSize(16).contains(Set.of(Roles.DOMAIN_EXPERT), Set.of());
    }

    @Test
    void everyPageIsClassified() {
        assertThat(NEEDS.keySet()).containsExactlyInAnyOrderElementsOf(pages);
    }

    @Test
    void everyPageAdmitsExactlyTheRolesItsPermissionNames() {
        for (var page : pages) {
            for (var roles : roleSets) {
                assertThat(Access.admits(page, roles)).as("%s for roles %s", page.getSimpleName(), roles)
                        .isEqualTo(NEEDS.get(page).test(new Permissions(roles)));
            }
        }
    }
}
