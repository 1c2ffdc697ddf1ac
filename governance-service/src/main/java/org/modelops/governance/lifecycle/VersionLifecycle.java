package org.modelops.governance.lifecycle;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.approval.ApprovalRecords;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.lifecycle.model.Comparison;
import org.modelops.governance.lifecycle.model.EvaluationReport;
import org.modelops.governance.lifecycle.model.PromotionCheck;
import org.modelops.governance.policy.Policies;
import org.modelops.governance.policy.model.ChampionChallengerRules;
import org.modelops.governance.policy.model.ConditionEvaluator;
import org.modelops.governance.policy.model.Evidence;
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
 * The work behind lifecycle steps. Each method runs inside the transaction of the workflow step that calls it, locks
 * the model's row first (the one lock order of every governed path: model, then version, then the audit trail) and
 * records what it did in the audit trail, with the lifecycle's id as correlation.
 */
@Singleton
public class VersionLifecycle {

    private final ModelCatalog catalog;
    private final LifecycleStore store;
    private final Policies policies;
    private final ConditionEvaluator conditions;
    private final AuditLog audit;
    private final DecisionEvidenceReader evidence;
    private final ApprovalRecords approvals;
    private final LifecycleSignals signals;

    VersionLifecycle(ModelCatalog catalog, LifecycleStore store, Policies policies, ConditionEvaluator conditions,
            AuditLog audit, DecisionEvidenceReader evidence, ApprovalRecords approvals, LifecycleSignals signals) {
        this.catalog = catalog;
        this.store = store;
        this.policies = policies;
        this.conditions = conditions;
        this.audit = audit;
        this.evidence = evidence;
        this.approvals = approvals;
        this.signals = signals;
    }

    public PolicyVersion governingPolicy(String model, String riskTier) {
        return policies.governing(model, riskTier);
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void pinPolicy(String model, int version, PolicyVersion policy, String lifecycleId) {
        store.pinPolicy(new ModelName(model), version, policy.name(), policy.version(), policy.sha256(), lifecycleId);
        audit.record(Actor.SYSTEM, AuditActions.POLICY_PINNED, AuditSubject.modelVersion(model, version),
                Map.of("policy", policy.name(), "policyVersion", policy.version(), "policySha256", policy.sha256()),
                lifecycleId);
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void enterState(String model, int version, LifecycleState state, String lifecycleId) {
        // A version entering validation from its submission reads nothing of its model's other versions: it does not
        // queue behind their steps. Every later step (validation itself included) holds the model's row.
        var current = version(model, version);
        if (current.state() != LifecycleState.REGISTERED && store.lockModel(new ModelName(model))) {
            // Read again under the lock just taken (one this step held already covered the first read).
            current = version(model, version);
        }
        changeState(current, state, null, lifecycleId);
    }

    /**
     * Judges the submission (required metadata, KPIs, fairness, conditions) and the newest evaluation report on each
     * dataset (its KPIs and, when it reports slices, fairness): a version passes only if its newest evidence does.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public boolean validate(String model, int version, String policyName, int policyVersion, String lifecycleId) {
        var name = new ModelName(model);
        store.lockModel(name);
        var subject = version(model, version);
        var policy = policies.version(policyName, policyVersion);
        var submission = LifecycleEvidence.of(subject.evidence());
        var results = new ArrayList<>(ValidationRules.evaluate(policy.policy(), submission, conditions).rules());
        for (var report : store.measured(name, version).newestReports()) {
            results.addAll(reportRules(policy, submission, report));
        }
        var verdict = PolicyVerdict.of(ValidationRules.STAGE, results);
        store.saveVerdict(name, version, verdict, null);
        store.saveEvidenceSha256(name, version, evidence.sha256(model, version));
        recordVerdict(model, version, verdict, policy, lifecycleId);
        return verdict.passed();
    }

    private List<RuleResult> reportRules(PolicyVersion policy, Evidence submission, EvaluationReport report) {
        var slices = report.sliceMetrics().isEmpty() ? submission.sliceMetrics() : report.sliceMetrics();
        var onReport = new Evidence(submission.presentMetadata(), report.metrics(), slices, submission.params(),
                submission.tags(), report.datasetSha256());
        var suffix = "@" + report.datasetSha256().substring(0, 12);
        var prefix = "On the evaluation report for " + report.datasetUri() + ": ";
        return ValidationRules.evaluate(policy.policy(), onReport, conditions).rules().stream()
                .filter(rule -> ("kpi".equals(rule.kind()) && report.metrics().containsKey(rule.rule().substring(4)))
                        || ("fairness".equals(rule.kind()) && !report.sliceMetrics().isEmpty()))
                .map(rule -> new RuleResult(rule.rule() + suffix, rule.kind(), rule.passed(), rule.actual(),
                        rule.threshold(), prefix + rule.message()))
                .toList();
    }

    /**
     * Compares with the champion that serves now, on the dataset {@link Comparison} chooses, and records the hash of
     * the evidence this verdict completes. Returns PASSED, FAILED, SKIPPED (no champion, or no criteria) or
     * AWAITING_EVALUATION (no shared evaluation dataset).
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public String challenge(String model, int version, String policyName, int policyVersion, String lifecycleId) {
        var name = new ModelName(model);
        store.lockModel(name);
        var policy = policies.version(policyName, policyVersion);
        var champion = store.champion(name).filter(current -> current != version);
        PolicyVerdict verdict;
        Comparison comparison = null;
        if (champion.isEmpty() || policy.policy().championChallenger() == null) {
            verdict = new PolicyVerdict(ChampionChallengerRules.STAGE, PolicyVerdict.SKIPPED, List.of(RuleResult.pass(
                    "champion", "champion", "none", "-", champion.isEmpty()
                            ? "the model has no champion yet: nothing to compare with"
                            : "the policy sets no champion-challenger criteria")));
        } else {
            var found = Comparison.between(store.measured(name, version), store.measured(name, champion.get()));
            if (found.isEmpty()) {
                verdict = new PolicyVerdict(ChampionChallengerRules.STAGE, PolicyVerdict.AWAITING_EVALUATION,
                        List.of(RuleResult.fail("same-dataset", "dataset", "none", "a shared evaluation dataset",
                                "challenger and champion " + champion.get() + " have no metrics on the same"
                                        + " evaluation dataset; submit an evaluation report on the champion's"
                                        + " dataset")));
            } else {
                comparison = found.get();
                verdict = ChampionChallengerRules.compare(policy.policy().championChallenger(),
                        comparison.challenger(), comparison.champion());
            }
        }
        store.saveVerdict(name, version, verdict, champion.orElse(null));
        store.saveComparison(name, version, comparison == null ? null : comparison.toMap());
        var details = verdictDetails(verdict, policy);
        details.put("champion", champion.orElse(null));
        if (comparison != null) {
            details.put("datasetSha256", comparison.datasetSha256());
            details.put("deltas", comparison.deltas());
        }
        var sha256 = evidence.sha256(model, version);
        store.saveEvidenceSha256(name, version, sha256);
        details.put("evidenceSha256", sha256);
        audit.record(Actor.SYSTEM, AuditActions.VERDICT_PREFIX + verdict.stage(),
                AuditSubject.modelVersion(model, version), details, lifecycleId);
        return verdict.outcome();
    }

    /** How many approvals the version holds on its current evidence; earlier ones are stale and do not count. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public int approvalsOnCurrentEvidence(String model, int version) {
        var current = version(model, version).governance().evidenceSha256();
        return current == null ? 0 : approvals.approvalsOn(model, version, current);
    }

    /**
     * Records why the lifecycle goes back to validation, and whose approvals this makes stale. The approval task, a
     * wait for evaluation or for a rollout slot, or a canary, was left by the engine before this step.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void reopen(String model, int version, String change, String lifecycleId) {
        var name = new ModelName(model);
        store.lockModel(name);
        var subject = version(model, version);
        var decidedOn = subject.governance().evidenceSha256();
        var stale = approvals.decisions(model, version).stream()
                .filter(decision -> decidedOn != null && decidedOn.equals(decision.evidenceSha256()))
                .map(ApprovalRecords.Decision::decidedByName).toList();
        var details = new LinkedHashMap<String, Object>();
        details.put("change", change == null ? "the evidence changed" : change);
        details.put("from", subject.state().name());
        details.put("evidenceSha256", decidedOn);
        details.put("staleApprovals", stale);
        audit.record(Actor.SYSTEM, AuditActions.LIFECYCLE_REOPENED, AuditSubject.modelVersion(model, version),
                details, lifecycleId);
    }

    /** A canary whose decision went stale stops serving: the champion serves everything again (or nothing does). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void withdrawCanary(String model, int version, String lifecycleId) {
        var name = new ModelName(model);
        store.lockModel(name);
        if (store.deployment(name).stream().noneMatch(share -> share.version() == version)) {
            return;
        }
        var champion = store.champion(name);
        store.replaceDeployment(name, champion.map(current -> List.of(new LifecycleStore.Share(current, 100)))
                .orElse(List.of()));
        var details = new LinkedHashMap<String, Object>();
        details.put("step", 0);
        details.put("share", 0);
        details.put("champion", champion.orElse(null));
        details.put("note", "the canary stopped serving: its decision must be taken again");
        audit.record(Actor.SYSTEM, AuditActions.ROLLOUT_STEP, AuditSubject.modelVersion(model, version), details,
                lifecycleId);
    }

    /** One rollout at a time per model: true when no other version of the model is rolling out. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public boolean rolloutSlotFree(String model, int version) {
        var name = new ModelName(model);
        store.lockModel(name);
        return store.versionsIn(name, Set.of(LifecycleState.ROLLING_OUT)).stream()
                .allMatch(other -> other.version() == version);
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
        audit.record(Actor.SYSTEM, AuditActions.ROLLOUT_STEP, AuditSubject.modelVersion(model, version), details,
                lifecycleId);
    }

    /**
     * Promotes the version if its decision still stands, in this transaction: it is still approved or rolling out,
     * the champion it was compared with still serves, its evidence is the evidence approved and enough approvals are
     * on it. Otherwise nothing is promoted, and the reason is returned: the lifecycle goes back to validation. After a
     * promotion every other open lifecycle of the model is compared again with the new champion.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public String promote(String model, int version, int approvalsRequired, String lifecycleId) {
        var name = new ModelName(model);
        store.lockModel(name);
        var subject = version(model, version);
        var governance = subject.governance();
        var now = evidence.sha256(model, version);
        var onEvidence = governance.evidenceSha256() == null
                ? 0
                : approvals.approvalsOn(model, version, governance.evidenceSha256());
        var previous = store.champion(name);
        var refused = PromotionCheck.whyNot(subject.state(), previous.orElse(null), governance.championVersion(),
                now, governance.evidenceSha256(), onEvidence, approvalsRequired);
        if (refused.isPresent()) {
            var details = new LinkedHashMap<String, Object>();
            details.put("reason", refused.get());
            details.put("champion", previous.orElse(null));
            details.put("championCompared", governance.championVersion());
            details.put("evidenceSha256", now);
            details.put("approvedEvidenceSha256", governance.evidenceSha256());
            audit.record(Actor.SYSTEM, AuditActions.PROMOTION_REFUSED, AuditSubject.modelVersion(model, version),
                    details, lifecycleId);
            return refused.get();
        }
        previous.ifPresent(champion -> {
            changeState(model, champion, LifecycleState.SUPERSEDED, "superseded by version " + version, lifecycleId);
            signals.servingEnded(model, champion, "superseded by version " + version);
        });
        store.recordSuperseded(name, version, previous.orElse(null));
        store.replaceDeployment(name, List.of(new LifecycleStore.Share(version, 100)));
        changeState(model, version, LifecycleState.CHAMPION, previous.map(p -> "replaces version " + p)
                .orElse("first champion"), lifecycleId);
        reopenOthers(name, version, "version " + version + " became champion"
                + previous.map(p -> " in place of version " + p).orElse(""));
        return null;
    }

    /**
     * Every open lifecycle of the model but {@code except} is told that what serves changed: those waiting for a
     * decision, for evidence or for a rollout slot go back to validation and compare again.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void reopenOthers(ModelName name, int except, String change) {
        for (var other : store.versionsIn(name, LifecycleState.OPEN)) {
            if (other.version() != except && other.lifecycleId() != null) {
                signals.evidenceChanged(other.lifecycleId(), change);
            }
        }
    }

    /** The flow met an outcome it does not know: it stops here, recorded, for a person to look at. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void incident(String model, int version, String where, Object outcome, String lifecycleId) {
        var name = new ModelName(model);
        store.lockModel(name);
        var subject = version(model, version);
        var reason = "stopped at '" + where + "': unknown outcome '" + outcome + "'; nothing was promoted";
        store.changeState(name, version, subject.state(), reason);
        var details = new LinkedHashMap<String, Object>();
        details.put("where", where);
        details.put("outcome", String.valueOf(outcome));
        details.put("state", subject.state().name());
        details.put("reason", reason);
        audit.record(Actor.SYSTEM, AuditActions.LIFECYCLE_INCIDENT, AuditSubject.modelVersion(model, version), details,
                lifecycleId);
    }

    /**
     * Ends the version as REJECTED with the reasons of the stage that refused it: the broken rules of a verdict, or
     * the approver's comment.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void reject(String model, int version, String stage, String approverReason, String lifecycleId) {
        store.lockModel(new ModelName(model));
        var reason = approverReason != null
                ? approverReason
                : store.verdict(new ModelName(model), version, stage).map(VersionLifecycle::reasons)
                        .orElse("refused at " + stage);
        changeState(model, version, LifecycleState.REJECTED, stage + ": " + reason, lifecycleId);
    }

    private void changeState(String model, int version, LifecycleState state, String reason, String lifecycleId) {
        changeState(version(model, version), state, reason, lifecycleId);
    }

    /** @param current the version as read in this transaction, after any lock its step takes */
    private void changeState(ModelVersion current, LifecycleState state, String reason, String lifecycleId) {
        var model = current.model().value();
        int version = current.version();
        store.changeState(current.model(), version, current.state().moveTo(state), reason);
        var details = new LinkedHashMap<String, Object>();
        details.put("from", current.state().name());
        details.put("to", state.name());
        if (reason != null) {
            details.put("reason", reason);
        }
        audit.record(Actor.SYSTEM, AuditActions.VERSION_STATE_CHANGED, AuditSubject.modelVersion(model, version),
                details, lifecycleId);
    }

    private void recordVerdict(String model, int version, PolicyVerdict verdict, PolicyVersion policy,
            String lifecycleId) {
        audit.record(Actor.SYSTEM, AuditActions.VERDICT_PREFIX + verdict.stage(),
                AuditSubject.modelVersion(model, version), verdictDetails(verdict, policy), lifecycleId);
    }

    private static LinkedHashMap<String, Object> verdictDetails(PolicyVerdict verdict, PolicyVersion policy) {
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
        return details;
    }

    /** A failing verdict's reasons, one sentence per broken rule. */
    public static String reasons(PolicyVerdict verdict) {
        return verdict.failures().stream().map(RuleResult::message).collect(Collectors.joining("; "));
    }

    private ModelVersion version(String model, int version) {
        return catalog.version(new ModelName(model), version)
                .orElseThrow(() -> RegistryRefusals.unknownVersion(model, version));
    }
}
