package org.modelops.governance.serving.model;

import java.util.List;

/**
 * The serving phase's tasks for people and their outcomes. A review ({@code monitoring-review}) follows a breach, a
 * refused automatic rollback or an escalated re-certification; a re-certification ({@code recertification}) comes on
 * the policy's {@code monitoring.recertifyEvery}. Separation of duties as for approvals: the person who submitted the
 * version and the members of the model's owner team do not decide on it.
 */
public final class ReviewRules {

    public static final String REVIEW_KIND = "monitoring-review";
    public static final String RECERTIFICATION_KIND = "recertification";

    public static final String KEEP_SERVING = "KEEP_SERVING";
    public static final String ROLL_BACK = "ROLL_BACK";
    public static final String REQUEST_RETRAINING = "REQUEST_RETRAINING";
    public static final String RECERTIFY = "RECERTIFY";
    public static final String FAIL = "FAIL";

    private ReviewRules() {
    }

    /** The outcomes a task of this kind takes. */
    public static List<String> outcomes(String kind) {
        return RECERTIFICATION_KIND.equals(kind)
                ? List.of(RECERTIFY, FAIL)
                : List.of(KEEP_SERVING, ROLL_BACK, REQUEST_RETRAINING);
    }

    /** Why this person may not decide on the version's serving, or null. */
    public static String conflict(String username, List<String> teams, String model, int version, String submittedBy,
            String ownerTeam) {
        if (username.equals(submittedBy)) {
            return "You submitted " + model + " version " + version + "; the submitter does not judge their own"
                    + " version's serving.";
        }
        if (ownerTeam != null && teams.contains(ownerTeam)) {
            return "You are in " + ownerTeam + ", the team that owns " + model + "; its members do not judge its"
                    + " versions' serving.";
        }
        return null;
    }
}
