package org.modelops.governance.serving;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.modelops.governance.monitoring.SignalVerdictChanged;
import org.modelops.governance.monitoring.model.MonitoringVerdict;
import org.modelops.governance.registry.ModelCatalog;
import org.modelops.governance.registry.model.ModelName;
import org.modelops.governance.serving.model.BreachRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A verdict that became BREACH is stored with its evidence and becomes the message {@code signalBreached} of the
 * version's lifecycle — its serving phase, or its canary's rollout — in the transaction that audited the verdict
 * change: what the breach sets off commits or rolls back with it. A version that neither serves nor rolls out (a
 * superseded or rolled-back version, one whose rollout was stopped) is only monitored.
 */
@Singleton
class BreachListener {

    private static final Logger LOG = LoggerFactory.getLogger(BreachListener.class);

    private final ModelCatalog catalog;
    private final ServingStore store;
    private final ServingProcess process;
    private final Clock clock = Clock.systemUTC();

    BreachListener(ModelCatalog catalog, ServingStore store, ServingProcess process) {
        this.catalog = catalog;
        this.store = store;
        this.process = process;
    }

    @EventListener
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void onVerdictChanged(SignalVerdictChanged changed) {
        if (!MonitoringVerdict.BREACH.name().equals(changed.current())
                || MonitoringVerdict.BREACH.name().equals(changed.previous())
                || !BreachRules.SIGNALS.contains(changed.signal())) {
            return;
        }
        catalog.modelForUpdate(new ModelName(changed.modelName()));
        var breach = store.addBreach(changed.modelName(), changed.version(), changed.signal(), changed.previous(),
                changed.evidence(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        if (!process.breached(changed.modelName(), changed.version(), breach)) {
            LOG.info("{} version {} breached on {} while neither serving nor rolling out: recorded by monitoring only",
                    changed.modelName(), changed.version(), changed.signal());
        }
    }
}
