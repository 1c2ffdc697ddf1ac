package org.modelops.governance.lifecycle;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.policy.Policies;
import org.modelops.governance.policy.model.ChampionChallengerRules;
import org.modelops.governance.policy.model.ConditionEvaluator;
import org.modelops.governance.policy.model.PolicyVerdict;
import org.modelops.governance.policy.model.PolicyVersion;
import org.modelops.governance.policy.model.RuleResult;
import org.modelops.governance.policy.model.ValidationRules;
import org.modelops.governance.registry.ModelCatalog;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.registry.model.ModelName;
import org.modelops.governance.registry.model.ModelVersion;
import org.modelops.governance.registry.model.RegistryRefusals;
import org.modelops.governance.security.Actor;

/**
 * The work behind lifecycle steps. Each method runs inside the transaction of the workflow step that calls it and
 * records what it did in the audit trail, with the lifecycle's id as correlation.
 */
@Singleton
public class VersionLifecycle {

    private final ModelCatalog catalog;
    private final LifecycleStore store;
    private final Policies policies;
    private final ConditionEvaluator conditions;
    private final AuditLog audit;

    VersionLifecycle(ModelCatalog catalog, LifecycleStore store, Policies policies, ConditionEvaluator conditions,
            AuditLog audit) {
        this.catalog = catalog;
        this.store = store;
        this.policies = policies;
        this.conditions = conditions;
        this.audit = audit;
    }

    public PolicyVersion governingPolicy(String model, String riskTier) {
        return policies.governing(model, riskTier);
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void pinPolicy(String model, int version, PolicyVersion policy, String lifecycleId) {
        store.pinPolicy(new ModelName(model), version, policy.name(), policy.version(), policy.sha256());
        audit.record(Actor.SYSTEM, "policy.pinned", AuditSubject.modelVersion(model, version),
                Map.of("policy", policy.name(), "policyVersion", policy.version(), "policySha256", policy.sha256()),
                lifecycleId);
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void enterState(String model, int version, LifecycleState state, String lifecycleId) {
        changeState(model, version, state, null, lifecycleId);
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public boolean validate(String model, int version, String policyName, int policyVersion, String lifecycleId) {
        var subject = version(model, version);
        var policy = policies.version(policyName, policyVersion);
        var verdict = ValidationRules.evaluate(policy.policy(), LifecycleEvidence.of(subject.evidence()),
                conditions);
        store.saveVerdict(subject.model(), version, verdict, null);
        recordVerdict(model, version, verdict, policy, lifecycleId);
        return verdict.passed();
    }

    /** Returns PASSED, FAILED, SKIPPED (no champion) or AWAITING_EVALUATION (no shared evaluation dataset). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public String challenge(String model, int version, String policyName, int policyVersion, String lifecycleId) {
        var name = new ModelName(model);
        var policy = policies.version(policyName, policyVersion);
        var champion = store.champion(name);
        PolicyVerdict verdict;
        if (champion.isEmpty() || policy.policy().championChallenger() == null) {
            verdict = new PolicyVerdict(ChampionChallengerRules.STAGE, PolicyVerdict.SKIPPED, List.of(RuleResult.pass(
                    "champion", "champion", "none", "-", champion.isEmpty()
                            ? "the model has no champion yet: nothing to compare with"
                            : "the policy sets no champion-challenger criteria")));
        } else {
            var shared = sharedDataset(store.metrics(name, version), store.metrics(name, champion.get()));
            if (shared == null) {
                verdict = new PolicyVerdict(ChampionChallengerRules.STAGE, PolicyVerdict.AWAITING_EVALUATION,
                        List.of(RuleResult.fail("same-dataset", "dataset", "none", "a shared evaluation dataset",
                                "challenger and champion " + champion.get() + " have no metrics on the same"
                                        + " evaluation dataset; submit an evaluation report on the champion's"
                                        + " dataset")));
            } else {
                verdict = ChampionChallengerRules.compare(policy.policy().championChallenger(), shared[0],
                        shared[1]);
            }
        }
        store.saveVerdict(name, version, verdict, champion.orElse(null));
        recordVerdict(model, version, verdict, policy, lifecycleId);
        return verdict.outcome();
    }

    /**
     * Ends the version as REJECTED with the reasons of the stage that refused it: the broken rules of a verdict, or
     * the approver's comment.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void reject(String model, int version, String stage, String approverReason, String lifecycleId) {
        var reason = approverReason != null
                ? approverReason
                : store.verdict(new ModelName(model), version, stage).map(VersionLifecycle::reasons)
                        .orElse("refused at " + stage);
        changeState(model, version, LifecycleState.REJECTED, stage + ": " + reason, lifecycleId);
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void shiftTraffic(String model, int version, int percent, String lifecycleId) {
        var name = new ModelName(model);
        store.lockModel(name);
        var champion = store.champion(name);
        var shares = champion.map(current -> List.of(new LifecycleStore.Share(current, 100 - percent),
                new LifecycleStore.Share(version, percent))).orElse(List.of(new LifecycleStore.Share(version, 100)));
        store.replaceDeployment(name, shares);
        var details = new LinkedHashMap<String, Object>();
        details.put("step", percent);
        details.put("share", champion.isPresent() ? percent : 100);
        details.put("champion", champion.orElse(null));
        if (champion.isEmpty()) {
            details.put("note", "no champion to share traffic with: the canary serves all traffic while it bakes");
        }
        audit.record(Actor.SYSTEM, "rollout.step", AuditSubject.modelVersion(model, version), details, lifecycleId);
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void promote(String model, int version, String lifecycleId) {
        var name = new ModelName(model);
        store.lockModel(name);
        var previous = store.champion(name);
        previous.ifPresent(champion -> changeState(model, champion, LifecycleState.SUPERSEDED,
                "superseded by version " + version, lifecycleId));
        store.recordSuperseded(name, version, previous.orElse(null));
        store.replaceDeployment(name, List.of(new LifecycleStore.Share(version, 100)));
        changeState(model, version, LifecycleState.CHAMPION, previous.map(p -> "replaces version " + p)
                .orElse("first champion"), lifecycleId);
    }

    private void changeState(String model, int version, LifecycleState state, String reason, String lifecycleId) {
        var current = version(model, version);
        store.changeState(current.model(), version, state, reason);
        var details = new LinkedHashMap<String, Object>();
        details.put("from", current.state().name());
        details.put("to", state.name());
        if (reason != null) {
            details.put("reason", reason);
        }
        audit.record(Actor.SYSTEM, "version.state-changed", AuditSubject.modelVersion(model, version), details,
                lifecycleId);
    }

    private void recordVerdict(String model, int version, PolicyVerdict verdict, PolicyVersion policy,
            String lifecycleId) {
        var details = new LinkedHashMap<String, Object>();
        details.put("stage", verdict.stage());
        details.put("outcome", verdict.outcome());
        details.put("policy", policy.name());
        details.put("policyVersion", policy.version());
        details.put("policySha256", policy.sha256());
        details.put("rules", verdict.rules().stream().map(rule -> {
            var map = new LinkedHashMap<String, Object>();
            map.put("rule", rule.rule());
            map.put("passed", rule.passed());
            map.put("actual", rule.actual());
            map.put("threshold", rule.threshold());
            map.put("message", rule.message());
            return map;
        }).toList());
        audit.record(Actor.SYSTEM, "verdict." + verdict.stage(), AuditSubject.modelVersion(model, version), details,
                lifecycleId);
    }

    /** A failing verdict's reasons, one sentence per broken rule. */
    public static String reasons(PolicyVerdict verdict) {
        return verdict.failures().stream().map(RuleResult::message).collect(Collectors.joining("; "));
    }

    private ModelVersion version(String model, int version) {
        return catalog.version(new ModelName(model), version)
                .orElseThrow(() -> RegistryRefusals.unknownVersion(model, version));
    }

    /** [challenger metrics, champion metrics] on the first dataset both were measured on, or null. */
    private static Map<String, Double>[] sharedDataset(List<LifecycleStore.DatasetMetrics> challenger,
            List<LifecycleStore.DatasetMetrics> champion) {
        for (var theirs : champion) {
            for (var ours : challenger) {
                if (ours.datasetSha256().equals(theirs.datasetSha256())) {
                    @SuppressWarnings("unchecked")
                    Map<String, Double>[] pair = new Map[]{ours.metrics(), theirs.metrics()};
                    return pair;
                }
            }
        }
        return null;
    }
}
