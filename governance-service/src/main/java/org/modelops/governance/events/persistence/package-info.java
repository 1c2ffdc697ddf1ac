/** The event outbox, subscriptions and deliveries in PostgreSQL (V80); queues are read with row locks, SKIP LOCKED. */
package org.modelops.governance.events.persistence;
