/**
 * Events for other systems: every published governed change (an audit event) becomes a CloudEvents 1.0 event in an
 * outbox written in the change's own transaction, and is delivered at least once, in order per model, to the HTTP
 * endpoints subscribed to it, signed per subscription with Standard Webhooks headers (docs/events.md).
 */
package org.modelops.governance.events;
