package org.modelops.portal.security;

/** The realm roles of the governance service, as Keycloak issues them. */
public final class Roles {

    public static final String ML_ENGINEER = "ml-engineer";
    public static final String DOMAIN_EXPERT = "domain-expert";
    public static final String COMPLIANCE_OFFICER = "compliance-officer";
    public static final String GOVERNANCE_ADMIN = "governance-admin";

    private Roles() {
    }
}
