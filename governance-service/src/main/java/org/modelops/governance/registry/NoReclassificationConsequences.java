package org.modelops.governance.registry;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

/** Until something else listens, a reclassification changes the model and its audit trail only. */
@Singleton
@Secondary
final class NoReclassificationConsequences implements ReclassificationListener {

    @Override
    public void reclassified(String model, String fromTier, String toTier, String fromTeam, String toTeam,
            String reason) {
        // nothing depends on the classification yet
    }
}
