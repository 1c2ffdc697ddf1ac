package org.modelops.governance.monitoring.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelops.governance.testing.Concurrently;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;

/**
 * Retention drops the monthly partitions of counted record ids older than governance.monitoring.retention.records
 * (30 days), keeps newer ones and every aggregate, and two replicas running it at once drop each partition once.
 */
@MicronautTest(transactional = false)
class MonitoringRetentionTest extends ServiceTest {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy_MM").withZone(ZoneOffset.UTC);

    @Inject
    MonitoringRetention retention;

    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    private static boolean exists(String table) {
        return Database.count("SELECT count(*) FROM pg_class WHERE relname = ?", table) == 1;
    }

    /** The first day of the month some months before (negative: after) this one, as a partition bound. */
    private static Instant month(int before) {
        return java.time.YearMonth.now(ZoneOffset.UTC).minusMonths(before).atDay(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC);
    }

    private static void partition(String parent, Instant from) {
        var name = parent + "_" + MONTH.format(from);
        Database.executeAsOwner("CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF " + parent
                + " FOR VALUES FROM ('" + from + "') TO ('" + from.atZone(ZoneOffset.UTC).plusMonths(1).toInstant()
                + "')");
    }

    @Test
    void recordIdsOlderThanTheRetentionGoWholeAggregatesStayAndConcurrentRunsDropEachOnce() throws Exception {
        var model = uniqueName("retention");
        assertThat(api().post("/api/v1/models", erin(), registration(model, "LOW")).status()).isEqualTo(201);
        assertThat(api().post("/api/v1/models/" + model + "/versions", erin(), submission(0.9)).status())
                .isEqualTo(201);
        var version = Database.count("SELECT v.id FROM model_versions v JOIN registered_models m ON m.id = v.model_id"
                + " WHERE m.name = ?", model);
        var old = month(5);
        var expired = month(2);
        for (var from : new Instant[]{old, expired}) {
            partition("monitoring_records", from);
        }
        partition("monitoring_window_counts", old);
        partition("monitoring_window_tallies", old);
        Database.executeAsOwner("SELECT monitoring_prepare_partitions(2)");
        var now = Instant.now();
        var inDefault = month(7).plus(3, ChronoUnit.DAYS);
        for (var window : new Instant[]{old, expired.plus(1, ChronoUnit.DAYS), now, inDefault}) {
            Database.executeAsOwner("INSERT INTO monitoring_records (version_id, window_start, record_id, arm,"
                    + " received_at) VALUES (" + version + ", '" + window + "', 'r-" + window + "', 'champion', '"
                    + window + "')");
        }
        Database.executeAsOwner("INSERT INTO monitoring_window_counts VALUES (" + version + ", '" + old
                + "', 'income', 0, 7)");
        Database.executeAsOwner("INSERT INTO monitoring_window_tallies VALUES (" + version + ", 'data-quality', '"
                + old + "', 'records', 0, 7, 0)");
        for (var received : Map.of("old-batch", now.minus(60, ChronoUnit.DAYS), "new-batch", now).entrySet()) {
            Database.executeAsOwner("INSERT INTO monitoring_count_batches VALUES (" + version + ", '"
                    + received.getKey() + "', '" + "0".repeat(64) + "', 1, 7, '" + received.getValue() + "')");
        }

        var dropped = Concurrently.run(2, i -> retention.apply());

        assertThat(dropped.stream().mapToInt(Integer::intValue).sum()).as("each partition dropped once: " + dropped)
                .isEqualTo(2);
        assertThat(exists("monitoring_records_" + MONTH.format(old))).isFalse();
        assertThat(exists("monitoring_records_" + MONTH.format(expired))).isFalse();
        assertThat(exists("monitoring_records_" + MONTH.format(now))).isTrue();
        assertThat(Database.strings("SELECT record_id FROM monitoring_records WHERE version_id = ? ORDER BY"
                + " window_start", version)).as("old ids in the default partition go too")
                .containsExactly("r-" + now);
        assertThat(exists("monitoring_window_counts_" + MONTH.format(old))).as("aggregates are kept").isTrue();
        assertThat(exists("monitoring_window_tallies_" + MONTH.format(old))).isTrue();
        assertThat(Database.count("SELECT count FROM monitoring_window_counts WHERE version_id = ?", version))
                .isEqualTo(7);
        assertThat(Database.count("SELECT count FROM monitoring_window_tallies WHERE version_id = ?", version))
                .isEqualTo(7);
        assertThat(Database.strings("SELECT batch_id FROM monitoring_count_batches WHERE version_id = ?", version))
                .containsExactly("new-batch");

        assertThat(retention.apply()).as("a second run finds nothing to drop").isZero();
        assertThat(Database.strings("SELECT record_id FROM monitoring_records WHERE version_id = ?", version))
                .hasSize(1);
    }

    @Test
    void theServiceRoleMayRunItButNeverDropsTheLastSevenDays() {
        assertThat(Database.count("SELECT monitoring_drop_record_partitions(now() + interval '1 year')")).isZero();
        assertThat(exists("monitoring_records_" + MONTH.format(Instant.now()))).isTrue();
        assertThat(exists("monitoring_records_" + MONTH.format(month(-1)))).isTrue();
    }
}
