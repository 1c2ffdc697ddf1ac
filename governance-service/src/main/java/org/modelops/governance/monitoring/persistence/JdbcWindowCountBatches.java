package org.modelops.governance.monitoring.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.modelops.governance.monitoring.WindowCountBatches;

@Singleton
final class JdbcWindowCountBatches implements WindowCountBatches {

    private final JdbcOperations jdbc;

    JdbcWindowCountBatches(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> record(long versionId, String batchId, String bodySha256, int windows, long records,
            Instant receivedAt) {
        // A concurrent insert of the same id waits here for the other transaction, then sees its row.
        int inserted = jdbc.prepareStatement("INSERT INTO monitoring_count_batches (version_id, batch_id,"
                + " body_sha256, windows, records, received_at) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (version_id, batch_id) DO NOTHING", statement -> {
                    int i = 0;
                    statement.setLong(++i, versionId);
                    statement.setString(++i, batchId);
                    statement.setString(++i, bodySha256);
                    statement.setInt(++i, windows);
                    statement.setLong(++i, records);
                    statement.setTimestamp(++i, Timestamp.from(receivedAt));
                    return statement.executeUpdate();
                });
        if (inserted == 1) {
            return Optional.empty();
        }
        return jdbc.prepareStatement("SELECT body_sha256 FROM monitoring_count_batches WHERE version_id = ?"
                + " AND batch_id = ?", statement -> {
                    statement.setLong(1, versionId);
                    statement.setString(2, batchId);
                    try (var rs = statement.executeQuery()) {
                        rs.next();
                        return Optional.of(rs.getString(1));
                    }
                });
    }
}
