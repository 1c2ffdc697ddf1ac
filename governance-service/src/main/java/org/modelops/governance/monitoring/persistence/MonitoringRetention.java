package org.modelops.governance.monitoring.persistence;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention of what monitoring keeps for idempotency only: the monthly partitions of the counted record ids (with the
 * scores outcomes join) that end more than {@code governance.monitoring.retention.records} ago are dropped whole, with
 * the window-count batch ids received before then (V105's {@code monitoring_drop_record_partitions}, which runs as the
 * schema's owner). The aggregates — window counts and tallies — are kept: every verdict in the audit trail is
 * recomputed from them. Every replica runs it; the function's advisory lock makes them take turns, and the second finds
 * nothing left to drop. Upcoming partitions are made ahead by {@link MonitoringPartitions}. An operation, not a
 * governed change: logged, not audited.
 */
@Singleton
class MonitoringRetention {

    private static final Logger LOG = LoggerFactory.getLogger(MonitoringRetention.class);
    /** The function never drops record ids younger than this, whatever it is asked: collectors may still retry. */
    static final Duration FLOOR = Duration.ofDays(7);

    private final JdbcOperations jdbc;
    private final Duration records;
    private final Clock clock = Clock.systemUTC();

    MonitoringRetention(JdbcOperations jdbc,
            @Value("${governance.monitoring.retention.records:30d}") Duration records) {
        this.jdbc = jdbc;
        if (records.compareTo(FLOOR) < 0) {
            LOG.warn("governance.monitoring.retention.records is {}; record ids are kept at least {} anyway",
                    records, FLOOR);
        }
        this.records = records;
    }

    @Scheduled(fixedDelay = "${governance.monitoring.retention.every:6h}", initialDelay = "${governance.monitoring.retention.initial-delay:2m}")
    @Transactional
    int apply() {
        var before = clock.instant().minus(records);
        int dropped = dropRecordsBefore(before);
        if (dropped > 0) {
            LOG.info("retention: dropped {} monthly partitions of monitoring_records that ended by {} ({} kept)",
                    dropped, before, records);
        }
        return dropped;
    }

    /** Drops the record partitions that end by then (at most 7 days ago); returns how many. */
    int dropRecordsBefore(Instant before) {
        return jdbc.prepareStatement("SELECT monitoring_drop_record_partitions(?)", statement -> {
            statement.setTimestamp(1, Timestamp.from(before));
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
