package org.modelops.governance.audit;

import java.sql.Connection;
import java.util.List;
import org.modelops.audit.AuditEvent;

/**
 * Told of events just appended to the chain, on the connection and in the transaction that appended them (while the
 * chain's head is locked): whatever it writes commits or rolls back with them. Keep it to a statement or two.
 */
public interface AppendedEvents {

    void appended(Connection connection, List<AuditEvent> events);
}
