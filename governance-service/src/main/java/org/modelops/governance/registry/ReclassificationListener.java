package org.modelops.governance.registry;

/**
 * Told of every reclassification, inside its transaction (a failure here undoes the reclassification and its audit
 * event), so that what depends on a model's risk tier or owner team can follow, e.g. open lifecycles. The registry
 * ships a listener that does nothing; a bean of this type elsewhere takes its place.
 */
public interface ReclassificationListener {

    /** Tiers are {@code RiskTier} names; a value that did not change is passed as both from and to. */
    void reclassified(String model, String fromTier, String toTier, String fromTeam, String toTeam, String reason);
}
