/**
 * Event subscriptions, for governance admins: who is told about governance events, with which signing secret, and
 * what became of each delivery (replayed one by one, or all dead ones at once).
 */
package org.modelops.portal.events;
