package org.modelops.governance.registry;

import org.modelops.governance.security.Actor;

/**
 * Told of every new version inside its submission's transaction (a refusal here undoes the submission), e.g. so that
 * the retraining request it names is answered. The registry ships a listener that does nothing; a bean of this type
 * elsewhere takes its place.
 */
public interface SubmissionListener {

    /** @param answersRetrainingRequest the id of the retraining request the version answers, or null */
    void submitted(Actor actor, String model, int version, String answersRetrainingRequest);
}
