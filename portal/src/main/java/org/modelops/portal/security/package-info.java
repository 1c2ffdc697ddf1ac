/**
 * Who is signed in and what they may do. Sign-in is Keycloak's OIDC authorization code flow through Spring
 * Security's OAuth2 client; realm roles come from the validated access token. {@link Permissions} says which views
 * and actions the portal offers to which roles; the governance service enforces the same rules on every call.
 */
package org.modelops.portal.security;
