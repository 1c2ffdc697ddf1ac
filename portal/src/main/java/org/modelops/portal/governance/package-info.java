/**
 * The portal's view of the governance service: what the service answers (models, versions, decisions, audit
 * events) as plain records, the {@link org.modelops.portal.governance.GovernanceApi} port the views call, and the
 * HTTP adapter that calls the service with the signed-in user's token. The service stays the only authority: every
 * refusal it sends comes back as a {@link org.modelops.portal.governance.ServiceRefusal} in plain language.
 */
package org.modelops.portal.governance;
