package org.modelops.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Seals committed pending events into the chain, for every writer of one JVM at once (group sealing). A writer whose
 * transaction committed pending events takes a {@link #ticket()} and calls {@link #sealThrough(long)}: the first one
 * in seals everybody's committed events in one transaction per batch (one head lock and one WAL flush for the whole
 * batch), and those who waited behind it find their events sealed and return. Replicas take turns on the head's row
 * lock. A periodic {@link #sealAll()} (and one at start-up) seals what a crash between a commit and its seal left.
 *
 * <p>The sealer uses its own connection, never one of the writers' pool: a writer waiting here still holds its pool
 * connection, so a sealer drawing from the same pool could wait for it forever.
 */
public final class AuditSealer implements AutoCloseable {

    /** Opens the sealer's own connection. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    /** Told about every committed seal batch: events sealed, nanoseconds from its first statement to its commit. */
    @FunctionalInterface
    public interface BatchListener {
        void sealed(JdbcAuditTrail.Sealed sealed, long nanos);
    }

    private final JdbcAuditTrail trail;
    private final Connections connections;
    private final BatchListener listener;
    private final int batchTransactions;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong roundsStarted = new AtomicLong();
    private volatile long roundsCompleted;
    private Connection connection;

    public AuditSealer(JdbcAuditTrail trail, Connections connections, BatchListener listener) {
        this(trail, connections, listener, JdbcAuditTrail.SEAL_TRANSACTIONS);
    }

    AuditSealer(JdbcAuditTrail trail, Connections connections, BatchListener listener, int batchTransactions) {
        this.trail = trail;
        this.connections = connections;
        this.listener = listener == null ? (sealed, nanos) -> {
        } : listener;
        this.batchTransactions = batchTransactions;
    }

    /**
     * Taken after a commit that wrote pending events: every sealing round numbered at least this one starts after
     * that commit, so its snapshot sees the events.
     */
    public long ticket() {
        return roundsStarted.get() + 1;
    }

    /** Returns once a round at least as new as the ticket has sealed everything committed before it; seals if needed. */
    public void sealThrough(long ticket) {
        if (roundsCompleted >= ticket) {
            return;
        }
        lock.lock();
        try {
            if (roundsCompleted < ticket) {
                round(false);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Seals every event committed as pending so far; returns how many. */
    public int sealAll() {
        lock.lock();
        try {
            return round(true);
        } finally {
            lock.unlock();
        }
    }

    private int round(boolean unlessEmpty) {
        long round = roundsStarted.incrementAndGet();
        int events = 0;
        JdbcAuditTrail.Sealed sealed;
        do {
            sealed = batch(unlessEmpty);
            events += sealed.events();
        } while (sealed.transactions() >= batchTransactions);
        roundsCompleted = round;
        return events;
    }

    private JdbcAuditTrail.Sealed batch(boolean unlessEmpty) {
        long started = System.nanoTime();
        try {
            if (connection == null || connection.isClosed()) {
                connection = connections.open();
                connection.setAutoCommit(false);
            }
            var sealed = trail.seal(connection, batchTransactions, unlessEmpty);
            connection.commit();
            if (sealed.events() > 0) {
                listener.sealed(sealed, System.nanoTime() - started);
            }
            return sealed;
        } catch (SQLException | RuntimeException e) {
            discardConnection();
            throw e instanceof AuditTrailException ate
                    ? ate
                    : new AuditTrailException("could not seal pending audit events", e);
        }
    }

    private void discardConnection() {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is given up below
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to do
        }
        connection = null;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            discardConnection();
        } finally {
            lock.unlock();
        }
    }
}
