package org.modelops.portal.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.modelops.portal.governance.DecisionTask;
import org.modelops.portal.governance.DecisionTask.Contender;
import org.modelops.portal.governance.PolicyReference;
import org.modelops.portal.governance.Verdict;
import org.modelops.portal.security.Roles;

/** Decision tasks as the service would list them in an inbox. */
public final class Tasks {

    private Tasks() {
    }

    /** A task for {@code model} v{@code version}; a champion v{@code version - 1} exists when version > 1. */
    public static DecisionTask task(String id, String model, int version, String riskTier, boolean escalated,
            Instant createdAt) {
        var challenger = new Contender(version, Map.of("auc", 0.91, "accuracy", 0.88),
                Map.of("region=eu", Map.of("auc", 0.9)), "gradient boosted trees", "credit pre-screening", "erin");
        var champion = version > 1
                ? new Contender(version - 1, Map.of("auc", 0.89, "accuracy", 0.87), Map.of(), "previous", "same",
                        "erin")
                : null;
        var passed = new Verdict("validation", "PASSED",
                List.of(new Verdict.RuleResult("min-auc", "minimum", true, "0.91", "0.6", "auc 0.91 is at least 0.6")));
        return new DecisionTask(id, "Approve promotion", model, version, riskTier, createdAt,
                List.of(Roles.DOMAIN_EXPERT), escalated, "HIGH".equals(riskTier) ? 2 : 1, 0,
                new PolicyReference("default", 3, "abc123"), challenger, champion, Map.of("auc", 0.02), passed,
                passed);
    }
}
