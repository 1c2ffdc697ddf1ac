/**
 * Who is calling: every API call carries a Keycloak-issued JWT, validated against the realm's published keys and
 * issuer, and accepted only when it is an access token issued for this service ({@code typ}, {@code aud}); the realm
 * roles in {@code realm_access.roles} decide what the caller may do. The service is the only
 * authority: a button hidden in the portal is a convenience, these checks are the protection.
 */
package org.modelops.governance.security;
