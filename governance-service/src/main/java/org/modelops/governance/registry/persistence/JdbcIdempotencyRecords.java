package org.modelops.governance.registry.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.modelops.governance.registry.IdempotencyRecords;

/**
 * The claim is an INSERT … ON CONFLICT DO NOTHING: PostgreSQL makes a second claimant wait for the first
 * transaction, then either lets it in (the first rolled back) or shows it the committed record.
 */
@Singleton
final class JdbcIdempotencyRecords implements IdempotencyRecords {

    private final JdbcOperations jdbc;

    JdbcIdempotencyRecords(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Earlier> claim(String caller, String scope, String key, String requestSha256) {
        boolean claimed = jdbc.prepareStatement("INSERT INTO idempotency_records (caller, scope, idem_key,"
                + " request_sha256, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", statement -> {
                    statement.setString(1, caller);
                    statement.setString(2, scope);
                    statement.setString(3, key);
                    statement.setString(4, requestSha256);
                    statement.setTimestamp(5, Timestamp.from(Instant.now()));
                    return statement.executeUpdate() == 1;
                });
        if (claimed) {
            return Optional.empty();
        }
        return jdbc.prepareStatement("SELECT request_sha256, result_ref FROM idempotency_records"
                + " WHERE caller = ? AND scope = ? AND idem_key = ?", statement -> {
                    statement.setString(1, caller);
                    statement.setString(2, scope);
                    statement.setString(3, key);
                    try (var rs = statement.executeQuery()) {
                        rs.next();
                        return Optional.of(new Earlier(rs.getString(1), rs.getString(2)));
                    }
                });
    }

    @Override
    public void complete(String caller, String scope, String key, String resultRef) {
        jdbc.prepareStatement("UPDATE idempotency_records SET result_ref = ? WHERE caller = ? AND scope = ?"
                + " AND idem_key = ?", statement -> {
                    statement.setString(1, resultRef);
                    statement.setString(2, caller);
                    statement.setString(3, scope);
                    statement.setString(4, key);
                    return statement.executeUpdate();
                });
    }
}
