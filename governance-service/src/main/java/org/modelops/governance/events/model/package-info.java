/**
 * The rules of event delivery, free of framework code: which audit actions are published and as which type, how a
 * subscription's filters match, when a failed delivery is tried again or given up, how a request is signed, and which
 * receiver addresses are acceptable.
 */
package org.modelops.governance.events.model;
