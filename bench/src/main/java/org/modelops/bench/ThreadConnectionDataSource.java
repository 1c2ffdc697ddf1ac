package org.modelops.bench;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * What a transaction manager gives {@code JdbcAuditTrail}: every {@link #getConnection()} returns the connection
 * bound to the calling thread, i.e. that thread's current transaction, and closing what it returned leaves the
 * connection open. The thread that bound a connection commits or rolls it back.
 */
final class ThreadConnectionDataSource implements DataSource {

    private final ThreadLocal<Connection> current = new ThreadLocal<>();

    /** Makes {@code connection} (autocommit off) the calling thread's current transaction. */
    void bind(Connection connection) throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalArgumentException("a transaction's connection must have autocommit off");
        }
        current.set(connection);
    }

    void unbind() {
        current.remove();
    }

    @Override
    public Connection getConnection() throws SQLException {
        var connection = current.get();
        if (connection == null) {
            throw new SQLException("no transaction on thread " + Thread.currentThread().getName());
        }
        return unclosable(connection);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the transaction's connection has its own credentials");
    }

    private static Connection unclosable(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
