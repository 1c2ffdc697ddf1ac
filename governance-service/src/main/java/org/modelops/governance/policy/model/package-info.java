/** The policy domain: the rules and the verdicts they return, in plain Java. */
package org.modelops.governance.policy.model;
