package org.modelops.governance.monitoring;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.modelops.governance.monitoring.model.MonitoringVerdict;
import org.modelops.governance.monitoring.model.SignalRules;

/**
 * A version's drift verdict when it changes: {@link SignalVerdicts} judges, records, audits and publishes every
 * signal's change; this answers for drift alone.
 */
@Singleton
public class DriftVerdicts {

    private final SignalVerdicts verdicts;

    DriftVerdicts(SignalVerdicts verdicts) {
        this.verdicts = verdicts;
    }

    /** The new drift verdict when it changed (and was recorded), empty when it stands as it was. */
    public Optional<MonitoringVerdict> evaluate(String name, int number) {
        return Optional.ofNullable(verdicts.evaluate(name, number).get(SignalRules.DRIFT));
    }
}
