package org.modelops.governance.monitoring.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import org.modelops.governance.monitoring.ServingHistory;

@Singleton
final class JdbcServingHistory implements ServingHistory {

    private final JdbcOperations jdbc;

    JdbcServingHistory(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Instant> servingEndedAt(long versionId) {
        return jdbc.prepareStatement("SELECT serving_ended_at FROM model_versions WHERE id = ?", statement -> {
            statement.setLong(1, versionId);
            try (var rs = statement.executeQuery()) {
                return rs.next() && rs.getTimestamp(1) != null
                        ? Optional.of(rs.getTimestamp(1).toInstant())
                        : Optional.empty();
            }
        });
    }
}
