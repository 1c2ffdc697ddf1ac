/** The event subscriptions API under /api/v1/event-subscriptions (role governance-admin). */
package org.modelops.governance.events.web;
