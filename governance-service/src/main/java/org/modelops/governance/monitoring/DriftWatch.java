package org.modelops.governance.monitoring;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-judges every signal of every version with a baseline at a fixed delay ({@code governance.monitoring.evaluate-every}), since a
 * verdict changes when a window closes, not only when records arrive. Each version in its own transaction; a failure
 * of one is logged and does not stop the others.
 */
@Singleton
class DriftWatch {

    private static final Logger LOG = LoggerFactory.getLogger(DriftWatch.class);

    private final MonitoringStore store;
    private final SignalVerdicts verdicts;
    private final TransactionOperations<Connection> transactions;

    DriftWatch(MonitoringStore store, SignalVerdicts verdicts, TransactionOperations<Connection> transactions) {
        this.store = store;
        this.verdicts = verdicts;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelay = "${governance.monitoring.evaluate-every:1m}", initialDelay = "${governance.monitoring.evaluate-every:1m}")
    void evaluateAll() {
        // The scheduler calls this outside any transaction: the list in a read of its own, each version in its own.
        for (var version : transactions.executeRead(status -> store.baselinedVersions())) {
            try {
                verdicts.evaluate(version.getKey(), version.getValue()).forEach((signal, verdict) -> LOG.info(
                        "{} verdict of {} version {} is now {}", signal, version.getKey(), version.getValue(),
                        verdict));
            } catch (RuntimeException e) {
                LOG.warn("monitoring of {} version {} could not be judged: {}", version.getKey(), version.getValue(),
                        e.toString());
            }
        }
    }
}
