package org.modelops.governance.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Reads the test database directly, on its own connection outside the service, to see what really was (or was not)
 * committed: as the service's own role, or as the schema's owner.
 */
public final class Database {

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                Objects.requireNonNullElse(System.getenv("TEST_DATABASE_URL"),
                        "jdbc:postgresql://127.0.0.1:5432/modelops_test"),
                Objects.requireNonNullElse(System.getenv("TEST_DATABASE_USERNAME"), "modelops"),
                Objects.requireNonNullElse(System.getenv("TEST_DATABASE_PASSWORD"), "modelops"));
    }

    /** The schema's owner, as a database administrator would connect. */
    public static Connection connectAsOwner() throws SQLException {
        return DriverManager.getConnection(
                Objects.requireNonNullElse(System.getenv("TEST_DATABASE_URL"),
                        "jdbc:postgresql://127.0.0.1:5432/modelops_test"),
                Objects.requireNonNullElse(System.getenv("TEST_DATABASE_OWNER"), "modelops_owner"),
                Objects.requireNonNullElse(System.getenv("TEST_DATABASE_OWNER_PASSWORD"), "modelops_owner"));
    }

    public static void executeAsOwner(String sql) {
        try (var connection = connectAsOwner(); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(String sql, Object... args) {
        try (var connection = connect(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row, as text. */
    public static java.util.List<String> strings(String sql, Object... args) {
        try (var connection = connect(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            var values = new java.util.ArrayList<String>();
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(String sql) {
        try (var connection = connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
