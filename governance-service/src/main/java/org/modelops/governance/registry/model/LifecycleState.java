package org.modelops.governance.registry.model;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a version stands on its way to (and from) serving, and the moves it may make: the one transition table of
 * the lifecycle (docs/lifecycle.md). A test walks the BPMN file and checks every path it can take against it.
 */
public enum LifecycleState {
    REGISTERED, VALIDATING, REJECTED, CHALLENGING, PENDING_APPROVAL, APPROVED, ROLLING_OUT, CHAMPION, SUPERSEDED, ROLLED_BACK, RETIRED;

    /** States a version cannot leave without a person: its lifecycle has ended. */
    public static final Set<LifecycleState> FINISHED = Set.of(REJECTED, SUPERSEDED, ROLLED_BACK, CHAMPION, RETIRED);

    /** States in which a lifecycle still runs: evidence changing under them re-opens their decision. */
    public static final Set<LifecycleState> OPEN = Set.of(VALIDATING, CHALLENGING, PENDING_APPROVAL, APPROVED,
            ROLLING_OUT);

    private static final Map<LifecycleState, Set<LifecycleState>> NEXT = Map.ofEntries(
            Map.entry(REGISTERED, EnumSet.of(VALIDATING, RETIRED)),
            // to PENDING_APPROVAL or APPROVED: an organisation's flow may leave champion-challenger out
            Map.entry(VALIDATING, EnumSet.of(CHALLENGING, PENDING_APPROVAL, APPROVED, REJECTED, RETIRED)),
            // back to VALIDATING: new evidence while waiting for an evaluation report
            Map.entry(CHALLENGING, EnumSet.of(PENDING_APPROVAL, APPROVED, REJECTED, VALIDATING, RETIRED)),
            Map.entry(PENDING_APPROVAL, EnumSet.of(APPROVED, REJECTED, VALIDATING, RETIRED)),
            // back to VALIDATING: new evidence while waiting for a rollout slot, or the promotion's re-check failed
            Map.entry(APPROVED, EnumSet.of(ROLLING_OUT, CHAMPION, VALIDATING, RETIRED)),
            Map.entry(ROLLING_OUT, EnumSet.of(CHAMPION, ROLLED_BACK, VALIDATING)),
            Map.entry(CHAMPION, EnumSet.of(SUPERSEDED, ROLLED_BACK)),
            // a rollback brings the previous champion back
            Map.entry(SUPERSEDED, EnumSet.of(CHAMPION, RETIRED)),
            Map.entry(ROLLED_BACK, EnumSet.of(RETIRED)),
            Map.entry(REJECTED, EnumSet.of(RETIRED)),
            Map.entry(RETIRED, EnumSet.noneOf(LifecycleState.class)));

    public boolean mayMoveTo(LifecycleState next) {
        return NEXT.get(this).contains(next);
    }

    public Set<LifecycleState> next() {
        return Set.copyOf(NEXT.get(this));
    }

    /** Refuses a move the table does not allow: a defect of the flow, never a person's mistake. */
    public LifecycleState moveTo(LifecycleState next) {
        if (!mayMoveTo(next)) {
            throw new IllegalStateException("a version cannot move from " + this + " to " + next);
        }
        return next;
    }
}
