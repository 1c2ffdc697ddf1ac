package org.modelops.governance.workflow;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowable.engine.ManagementService;

/**
 * The engine's jobs across all replicas: <em>stuck</em> ones, still locked by an owner long after that lock expired
 * (no running executor frees them: every replica's executor is off or failing), and <em>dead-lettered</em> ones,
 * whose retries are used up and which wait for an operator. Either makes the status {@code DEGRADED}: the replica
 * still serves requests (the answer stays 200), but lifecycles are not moving; the details say how many and which.
 */
@Singleton
class WorkflowJobsHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    static final HealthStatus DEGRADED = new HealthStatus("DEGRADED",
            "lifecycle steps are stuck or dead-lettered; requests are still served", true, 500);

    private final ManagementService management;
    private final TransactionOperations<Connection> transactions;
    private final WorkflowProperties properties;

    WorkflowJobsHealthIndicator(ManagementService management, TransactionOperations<Connection> transactions,
            WorkflowProperties properties) {
        this.management = management;
        this.transactions = transactions;
        this.properties = properties;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        // A lock that expired recently is freed on the next round of any executor; past this it is stuck.
        var stuckBefore = Instant.now().minus(properties.expiredJobsCheck().multipliedBy(2))
                .minus(properties.pollInterval());
        long stuck = transactions.execute(TransactionDefinition.READ_ONLY, status -> count(status.getConnection(),
                stuckBefore));
        long deadLetters = management.createDeadLetterJobQuery().count();
        healthStatus = stuck == 0 && deadLetters == 0 ? HealthStatus.UP : DEGRADED;
        var details = new LinkedHashMap<String, Object>();
        details.put("stuckJobs", stuck);
        details.put("deadLetterJobs", deadLetters);
        details.put("lockTime", properties.lockTime().toString());
        if (deadLetters > 0) {
            details.put("deadLetterExamples", management.createDeadLetterJobQuery().orderByJobCreateTime().asc()
                    .listPage(0, 5).stream().map(job -> job.getProcessInstanceId() + ": " + job.getExceptionMessage())
                    .toList());
        }
        return details;
    }

    private static long count(Connection connection, Instant before) {
        try (var statement = connection.prepareStatement("SELECT (SELECT count(*) FROM act_ru_job"
                + " WHERE lock_owner_ IS NOT NULL AND lock_exp_time_ < ?) + (SELECT count(*) FROM act_ru_timer_job"
                + " WHERE lock_owner_ IS NOT NULL AND lock_exp_time_ < ?)")) {
            statement.setTimestamp(1, Timestamp.from(before));
            statement.setTimestamp(2, Timestamp.from(before));
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the engine's stuck jobs", e);
        }
    }

    @Override
    protected String getName() {
        return "jobs";
    }
}
