package org.modelops.governance.registry.model;

/** How much harm a wrong prediction can do; it selects the policy that governs the model. */
public enum RiskTier {
    LOW, MEDIUM, HIGH
}
