/**
 * The few plain-Java types every feature speaks: a refusal of a governed action with the rule that refused it, the
 * field violations of a request, and a page of results. No framework code lives here.
 */
package org.modelops.governance.shared;
