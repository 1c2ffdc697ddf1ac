package org.modelops.governance.monitoring.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import org.modelops.governance.monitoring.ServingHistory;
import org.modelops.governance.monitoring.model.ServingPeriod;

@Singleton
final class JdbcServingHistory implements ServingHistory {

    private final JdbcOperations jdbc;

    JdbcServingHistory(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ServingPeriod servingPeriod(long versionId) {
        return jdbc.prepareStatement("SELECT serving_ended_at, serving_resumed_at FROM model_versions WHERE id = ?",
                statement -> {
                    statement.setLong(1, versionId);
                    try (var rs = statement.executeQuery()) {
                        return rs.next() && rs.getTimestamp(1) != null
                                ? new ServingPeriod(rs.getTimestamp(1).toInstant(), instant(rs.getTimestamp(2)))
                                : ServingPeriod.SERVING;
                    }
                });
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
