package org.modelops.cli.submit;

import java.util.Locale;
import java.util.Set;

/**
 * What {@code submit --wait --require …} waits for, and whether a lifecycle state meets it, still may, or never
 * will (docs/lifecycle.md has the states).
 */
public enum Requirement {

    /** Validation (and champion–challenger) passed: the version waits for, or went past, a decision. */
    VALIDATED(Set.of("PENDING_APPROVAL", "APPROVED", "ROLLING_OUT", "CHAMPION", "SUPERSEDED")),
    /** People approved it: APPROVED or later. */
    APPROVED(Set.of("APPROVED", "ROLLING_OUT", "CHAMPION", "SUPERSEDED")),
    /** It takes traffic: a canary rolling out or the champion. */
    SERVING(Set.of("ROLLING_OUT", "CHAMPION")),
    /** It is the champion: all the traffic. */
    CHAMPION(Set.of("CHAMPION"));

    /** States from which no requirement can be met any more. */
    static final Set<String> FINAL_REFUSALS = Set.of("REJECTED", "ROLLED_BACK", "RETIRED");

    /** The judgement of one state. */
    public enum Outcome {
        MET, WAITING, FAILED
    }

    private final Set<String> meeting;

    Requirement(Set<String> meeting) {
        this.meeting = meeting;
    }

    public Outcome judge(String state) {
        if (meeting.contains(state)) {
            return Outcome.MET;
        }
        if (FINAL_REFUSALS.contains(state) || "SUPERSEDED".equals(state)) {
            return Outcome.FAILED;
        }
        return Outcome.WAITING;
    }

    public static Requirement parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--require takes validated, approved, serving or champion, not '"
                    + text + "'");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
