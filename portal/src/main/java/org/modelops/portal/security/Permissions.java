package org.modelops.portal.security;

import java.util.Set;

/**
 * What the portal offers to a set of roles. It mirrors the service's rules (docs/api.md) so nobody is shown a
 * button that can only fail; the service still checks every call.
 */
public record Permissions(Set<String> roles) {

    public Permissions {
        roles = Set.copyOf(roles);
    }

    /** Approval inbox and decision pages: the shipped policies offer tasks to domain experts, escalations to admins. */
    public boolean decidesPromotions() {
        return roles.contains(Roles.DOMAIN_EXPERT) || roles.contains(Roles.GOVERNANCE_ADMIN);
    }

    /** Roll back a model to its previous champion, retire a version. */
    public boolean changesDeployments() {
        return roles.contains(Roles.DOMAIN_EXPERT) || roles.contains(Roles.GOVERNANCE_ADMIN);
    }

    /** Create, change and delete event subscriptions, read and replay their deliveries (docs/api.md). */
    public boolean administersEventSubscriptions() {
        return roles.contains(Roles.GOVERNANCE_ADMIN);
    }

    /** Search, export and verify the audit trail; read evidence bundles. */
    public boolean reviewsAuditTrail() {
        return roles.contains(Roles.COMPLIANCE_OFFICER) || roles.contains(Roles.GOVERNANCE_ADMIN);
    }
}
