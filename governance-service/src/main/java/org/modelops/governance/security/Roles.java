package org.modelops.governance.security;

/** The realm roles of PRODUCT.md, and {@code collector} for monitoring's ingestion (docs/monitoring.md). */
public final class Roles {

    public static final String ML_ENGINEER = "ml-engineer";
    public static final String DOMAIN_EXPERT = "domain-expert";
    public static final String COMPLIANCE_OFFICER = "compliance-officer";
    public static final String GOVERNANCE_ADMIN = "governance-admin";
    /** A serving platform's prediction logger: sends prediction records for monitoring, nothing else. */
    public static final String COLLECTOR = "collector";

    private Roles() {
    }
}
