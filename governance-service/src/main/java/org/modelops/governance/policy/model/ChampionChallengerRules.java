package org.modelops.governance.policy.model;

import java.util.ArrayList;
import java.util.Map;

/**
 * The champion–challenger stage: on the same evaluation dataset, the challenger's primary metric must beat the
 * champion's by the policy's minimum uplift, and no guard metric may fall by more than its tolerance. Deltas are
 * compared as they are shown: the difference of the values rounded to four decimal places.
 */
public final class ChampionChallengerRules {

    public static final String STAGE = "champion-challenger";

    private ChampionChallengerRules() {
    }

    public static PolicyVerdict compare(Policy.ChampionChallenger criteria, Map<String, Double> challenger,
            Map<String, Double> champion) {
        var results = new ArrayList<RuleResult>();
        var primary = criteria.primaryMetric();
        results.add(uplift(primary, criteria.minUplift(), challenger.get(primary), champion.get(primary)));
        criteria.guardMetrics().forEach((metric, guard) -> results.add(guard(metric, guard.maxRegression(),
                challenger.get(metric), champion.get(metric))));
        return PolicyVerdict.of(STAGE, results);
    }

    private static RuleResult uplift(String metric, double minUplift, Double challenger, Double champion) {
        var rule = "uplift:" + metric;
        var threshold = "delta >= " + ValidationRules.format(minUplift);
        if (challenger == null || champion == null) {
            return RuleResult.fail(rule, "uplift", null, threshold, missing(metric, challenger, champion));
        }
        double delta = delta(challenger, champion);
        var values = metric + " " + ValidationRules.format(challenger) + " vs champion "
                + ValidationRules.format(champion) + " (delta " + signed(delta) + ")";
        return delta >= minUplift
                ? RuleResult.pass(rule, "uplift", signed(delta), threshold, values + " meets the minimum uplift "
                        + ValidationRules.format(minUplift))
                : RuleResult.fail(rule, "uplift", signed(delta), threshold, values + " is short of the minimum uplift "
                        + ValidationRules.format(minUplift));
    }

    private static RuleResult guard(String metric, double maxRegression, Double challenger, Double champion) {
        var rule = "guard:" + metric;
        var threshold = "delta >= -" + ValidationRules.format(maxRegression);
        if (challenger == null || champion == null) {
            return RuleResult.fail(rule, "guard", null, threshold, missing(metric, challenger, champion));
        }
        double delta = delta(challenger, champion);
        var values = metric + " " + ValidationRules.format(challenger) + " vs champion "
                + ValidationRules.format(champion) + " (delta " + signed(delta) + ")";
        return delta >= -maxRegression
                ? RuleResult.pass(rule, "guard", signed(delta), threshold, values + " stays within the tolerance "
                        + ValidationRules.format(maxRegression))
                : RuleResult.fail(rule, "guard", signed(delta), threshold, values + " regresses beyond the tolerance "
                        + ValidationRules.format(maxRegression));
    }

    private static String missing(String metric, Double challenger, Double champion) {
        var who = challenger == null && champion == null
                ? "both the challenger and the champion"
                : challenger == null ? "the challenger" : "the champion";
        return metric + " is missing for " + who;
    }

    /** The difference of the values as shown (rounded), itself rounded: what a person computes from the verdict. */
    private static double delta(double challenger, double champion) {
        return ValidationRules.round(ValidationRules.round(challenger) - ValidationRules.round(champion));
    }

    private static String signed(double value) {
        return (value >= 0 ? "+" : "") + ValidationRules.format(value);
    }
}
