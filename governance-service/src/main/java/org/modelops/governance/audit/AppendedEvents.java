package org.modelops.governance.audit;

import java.sql.Connection;
import java.util.List;
import org.modelops.audit.AuditEvent;

/**
 * Told of events just given their place in the chain, on the connection and in the transaction that chains them (while
 * the chain's head is locked): by the sealer for events recorded by a change (which committed them as pending, in its
 * own transaction), by a direct append for events that stand alone. Whatever it writes commits or rolls back with the
 * chaining and becomes visible in sequence order. Keep it to a statement or two.
 */
public interface AppendedEvents {

    void appended(Connection connection, List<AuditEvent> events);
}
