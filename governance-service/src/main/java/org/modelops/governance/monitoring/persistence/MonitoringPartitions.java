package org.modelops.governance.monitoring.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the monthly partitions of the monitoring tables ahead of time (V60's {@code monitoring_prepare_partitions},
 * which runs as the schema's owner): last month to two months ahead, at start-up and every few hours, on every replica
 * (an advisory lock makes them take turns).
 */
@Singleton
class MonitoringPartitions {

    private static final Logger LOG = LoggerFactory.getLogger(MonitoringPartitions.class);
    static final int MONTHS_AHEAD = 2;

    private final JdbcOperations jdbc;

    MonitoringPartitions(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelay = "${governance.monitoring.partitions-every:6h}", initialDelay = "5s")
    @Transactional
    void prepare() {
        int created = jdbc.prepareStatement("SELECT monitoring_prepare_partitions(?)", statement -> {
            statement.setInt(1, MONTHS_AHEAD);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
        if (created > 0) {
            LOG.info("created {} monthly partitions of the monitoring tables", created);
        }
    }
}
