package org.modelops.governance.registry.model;

/** Where a version stands on its way to (and from) serving; see docs/lifecycle.md. */
public enum LifecycleState {
    REGISTERED, VALIDATING, REJECTED, CHALLENGING, PENDING_APPROVAL, APPROVED, ROLLING_OUT, CHAMPION, SUPERSEDED, ROLLED_BACK, RETIRED
}
