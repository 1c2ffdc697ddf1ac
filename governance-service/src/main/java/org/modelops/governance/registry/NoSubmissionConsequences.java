package org.modelops.governance.registry;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import org.modelops.governance.security.Actor;

/** Until something else listens, a submission changes the registry and its audit trail only. */
@Singleton
@Secondary
final class NoSubmissionConsequences implements SubmissionListener {

    @Override
    public void submitted(Actor actor, String model, int version, String answersRetrainingRequest) {
        // nothing follows a submission yet
    }
}
