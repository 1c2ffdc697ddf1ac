package org.modelops.governance.serving;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.lifecycle.LifecycleStore;
import org.modelops.governance.lifecycle.ModelOperations;
import org.modelops.governance.policy.Policies;
import org.modelops.governance.policy.model.Policy;
import org.modelops.governance.policy.model.PolicyVersion;
import org.modelops.governance.registry.ModelCatalog;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.registry.model.ModelName;
import org.modelops.governance.security.Actor;
import org.modelops.governance.serving.model.BreachRules;
import org.modelops.governance.serving.model.ReviewRules;

/**
 * The work behind the serving phase's steps. Each runs in the transaction of the step that calls it (for a breach:
 * the transaction that audited the verdict change), locks the model's row first and records what it did with the
 * breach's evidence, the lifecycle's id as correlation.
 */
@Singleton
public class ServingActions {

    /** Where a breach's path goes, why a task opens on it and for whom. */
    public record Response(BreachRules.Route route, String reason, List<String> roles) {
    }

    /** A task to open: why, and for whom. */
    public record TaskToOpen(String kind, String reason, List<String> roles) {
    }

    static final String GOVERNANCE_ADMIN = "governance-admin";

    private final ModelCatalog catalog;
    private final LifecycleStore lifecycle;
    private final ServingStore store;
    private final Policies policies;
    private final ModelOperations operations;
    private final RetrainingRequests retraining;
    private final AuditLog audit;
    private final Clock clock;

    ServingActions(ModelCatalog catalog, LifecycleStore lifecycle, ServingStore store, Policies policies,
            ModelOperations operations, RetrainingRequests retraining, AuditLog audit) {
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.store = store;
        this.policies = policies;
        this.operations = operations;
        this.retraining = retraining;
        this.audit = audit;
        this.clock = Clock.systemUTC();
    }

    /**
     * Alerts, requests retraining and decides what follows, as the pinned policy's {@code onBreach} for the signal
     * says: in serving by {@link BreachRules#plan} (a refused automatic rollback is recorded with its reason), during
     * the canary's rollout by {@link BreachRules#planDuringRollout} (ROLLBACK then stops the rollout; a refused stop
     * is recorded with its reason and opens a review).
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Response actOnBreach(String model, int version, long breachId, String policyName, int policyVersion,
            boolean duringRollout, String lifecycleId) {
        var name = new ModelName(model);
        catalog.modelForUpdate(name);
        var breach = store.breach(breachId).orElseThrow();
        var policy = policies.version(policyName, policyVersion);
        var monitoring = policy.policy().monitoring();
        var onBreach = BreachRules.onBreach(monitoring, breach.signal());
        var refused = new LinkedHashMap<String, Object>();
        if (duringRollout) {
            var champion = lifecycle.champion(name).filter(current -> current != version);
            refused.put("rollingOut", true);
            refused.put("champion", champion.orElse(null));
            return act(model, version, breach, policy, onBreach, BreachRules.planDuringRollout(breach.signal(),
                    onBreach, champion.isPresent()), refused, true, lifecycleId);
        }
        var previous = lifecycle.superseded(name, version).flatMap(number -> catalog.version(name, number))
                .map(champion -> new BreachRules.PreviousChampion(champion.version(),
                        champion.state() == LifecycleState.SUPERSEDED, champion.state().name(),
                        store.lastJudgedVerdicts(model, champion.version())));
        var cooldown = monitoring == null
                ? Policy.AutomaticRollback.DEFAULT_COOLDOWN
                : monitoring.rollback().cooldown();
        var lastAutomatic = store.lastAutomaticRollback(model).orElse(null);
        var plan = BreachRules.plan(breach.signal(), onBreach, previous, lastAutomatic, clock.instant(), cooldown);
        refused.put("previousChampion", previous.map(BreachRules.PreviousChampion::version).orElse(null));
        refused.put("previousChampionVerdicts", previous.map(BreachRules.PreviousChampion::lastJudged)
                .orElse(Map.of()));
        refused.put("cooldown", cooldown.toString());
        refused.put("lastAutomaticRollback", lastAutomatic == null ? null : lastAutomatic.toString());
        return act(model, version, breach, policy, onBreach, plan, refused, false, lifecycleId);
    }

    /**
     * What a breach's plan asks for at once, in serving or during a rollout: an alert, a retraining request, the reason
     * a rollback (or a rollout's stop) was refused with {@code refusedFacts}, and a review task; returns where the path
     * goes.
     */
    private Response act(String model, int version, ServingStore.Breach breach, PolicyVersion policy,
            List<String> onBreach, BreachRules.Plan plan, Map<String, Object> refusedFacts, boolean rollingOut,
            String lifecycleId) {
        var subject = AuditSubject.modelVersion(model, version);
        var signal = "the " + breach.signal() + " signal" + (rollingOut ? " of the canary" : "");
        if (plan.alert()) {
            var details = breachDetails(breach, policy, onBreach);
            details.put("reason", "the " + breach.signal() + " signal of " + model + " version " + version
                    + " breached" + (rollingOut ? " during its rollout" : ""));
            if (rollingOut) {
                details.put("rollingOut", true);
            }
            audit.record(Actor.SYSTEM, AuditActions.MONITORING_ALERT_RAISED, subject, details, lifecycleId);
        }
        if (plan.retrain()) {
            retraining.request(Actor.SYSTEM, model, version, breach.signal(), breach.id(), signal
                    + " breached; the policy asks for retraining", breach.evidence(), lifecycleId);
        }
        if (plan.rollbackRefused() != null) {
            var details = breachDetails(breach, policy, onBreach);
            details.put("reason", plan.rollbackRefused());
            details.putAll(refusedFacts);
            audit.record(Actor.SYSTEM, AuditActions.MONITORING_ROLLBACK_REFUSED, subject, details, lifecycleId);
        }
        if (plan.route() != BreachRules.Route.REVIEW) {
            return new Response(plan.route(), null, List.of());
        }
        var breached = "The " + breach.signal() + " signal" + (rollingOut ? " of the canary" : "") + " breached"
                + (rollingOut ? " during its rollout" : "");
        var refusal = rollingOut
                ? "stopping the rollout automatically was refused"
                : "the automatic rollback was refused";
        var reason = (plan.rollbackRefused() != null
                ? breached + " and " + refusal + ": " + plan.rollbackRefused()
                : breached) + ". Decide whether the version goes on serving.";
        var roles = policy.policy().approvals().roles();
        openReview(ReviewRules.REVIEW_KIND, reason, roles, breach, subject, lifecycleId);
        return new Response(plan.route(), reason, roles);
    }

    /**
     * The stop the canary's breach asked for: the governed stop of the rollout, by the system, with the breach's
     * evidence in {@code rollout.stopped}; the champion serves 100 %.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void stopRolloutAutomatically(String model, int version, long breachId, String policyName,
            int policyVersion, String lifecycleId) {
        var breach = store.breach(breachId).orElseThrow();
        var policy = policies.version(policyName, policyVersion);
        var details = policyDetails(policy);
        details.put("signal", breach.signal());
        details.put("breach", breach.id());
        details.put("onBreach", BreachRules.onBreach(policy.policy().monitoring(), breach.signal()));
        details.put("evidence", breach.evidence());
        operations.stopRolloutInLifecycle(Actor.SYSTEM, model, version, "rollout stopped automatically: the "
                + breach.signal() + " signal of the canary breached", details, lifecycleId);
    }

    /** The automatic rollback the plan allowed: the governed rollback, by the system, with the breach's evidence. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void rollBackAutomatically(String model, int version, long breachId, String lifecycleId) {
        var breach = store.breach(breachId).orElseThrow();
        var details = new LinkedHashMap<String, Object>();
        details.put("signal", breach.signal());
        details.put("breach", breach.id());
        details.put("evidence", breach.evidence());
        operations.rollbackServing(Actor.SYSTEM, model, version, "automatic rollback: the " + breach.signal()
                + " signal breached", details, lifecycleId);
    }

    /** The policy's {@code recertifyEvery} came round: a recertification task opens for the policy's roles. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public TaskToOpen openRecertification(String model, int version, String policyName, int policyVersion,
            String lifecycleId) {
        catalog.modelForUpdate(new ModelName(model));
        var policy = policies.version(policyName, policyVersion);
        var monitoring = policy.policy().monitoring();
        var dueWithin = monitoring == null
                ? Policy.Monitoring.DEFAULT_RECERTIFY_DUE_WITHIN
                : monitoring.recertifyDueWithin();
        var due = clock.instant().plus(dueWithin);
        var roles = policy.policy().approvals().roles();
        var reason = "Re-certification " + (monitoring == null || monitoring.recertifyEvery() == null
                ? ""
                : "every " + monitoring.recertifyEvery() + " ") + "by policy " + policy.name() + " version "
                + policy.version() + ": confirm that version " + version + " may go on serving, by " + due + ".";
        var details = policyDetails(policy);
        details.put("recertifyEvery", monitoring == null || monitoring.recertifyEvery() == null
                ? null
                : monitoring.recertifyEvery().toString());
        details.put("recertifyDueWithin", dueWithin.toString());
        details.put("due", due.toString());
        details.put("roles", roles);
        audit.record(Actor.SYSTEM, AuditActions.MONITORING_RECERTIFICATION_DUE, AuditSubject.modelVersion(model,
                version), details, lifecycleId);
        return new TaskToOpen(ReviewRules.RECERTIFICATION_KIND, reason, roles);
    }

    /**
     * A recertification failed, or lapsed past its due date: an alert, and a review task for governance-admin.
     *
     * @param failedBecause the comment of the person who failed it, or null when it lapsed
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public TaskToOpen escalateRecertification(String model, int version, String policyName, int policyVersion,
            String failedBecause, String lifecycleId) {
        catalog.modelForUpdate(new ModelName(model));
        var policy = policies.version(policyName, policyVersion);
        var why = failedBecause == null
                ? "the re-certification of version " + version + " lapsed: nobody decided it by its due date"
                : "the re-certification of version " + version + " failed: " + failedBecause;
        var subject = AuditSubject.modelVersion(model, version);
        var details = policyDetails(policy);
        details.put("outcome", failedBecause == null ? "LAPSED" : "FAILED");
        details.put("reason", why);
        details.put("roles", List.of(GOVERNANCE_ADMIN));
        audit.record(Actor.SYSTEM, AuditActions.MONITORING_RECERTIFICATION_ESCALATED, subject, details, lifecycleId);
        var alert = policyDetails(policy);
        alert.put("signal", "recertification");
        alert.put("reason", why);
        audit.record(Actor.SYSTEM, AuditActions.MONITORING_ALERT_RAISED, subject, alert, lifecycleId);
        var reason = "Escalated: " + why + ". Decide whether the version goes on serving.";
        var review = new LinkedHashMap<String, Object>();
        review.put("kind", ReviewRules.REVIEW_KIND);
        review.put("reason", reason);
        review.put("roles", List.of(GOVERNANCE_ADMIN));
        audit.record(Actor.SYSTEM, AuditActions.MONITORING_REVIEW_OPENED, subject, review, lifecycleId);
        return new TaskToOpen(ReviewRules.REVIEW_KIND, reason, List.of(GOVERNANCE_ADMIN));
    }

    /** A gateway of the serving phase met an outcome it does not know: recorded; the version goes on serving. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void incident(String model, int version, String where, Object outcome, String lifecycleId) {
        catalog.modelForUpdate(new ModelName(model));
        var details = new LinkedHashMap<String, Object>();
        details.put("where", where);
        details.put("outcome", String.valueOf(outcome));
        details.put("reason", "stopped at '" + where + "': unknown outcome '" + outcome + "'; nothing was rolled back"
                + " and the version goes on serving");
        audit.record(Actor.SYSTEM, AuditActions.LIFECYCLE_INCIDENT, AuditSubject.modelVersion(model, version),
                details, lifecycleId);
    }

    private void openReview(String kind, String reason, List<String> roles, ServingStore.Breach breach,
            AuditSubject subject, String lifecycleId) {
        var details = new LinkedHashMap<String, Object>();
        details.put("kind", kind);
        details.put("reason", reason);
        details.put("roles", roles);
        details.put("signal", breach.signal());
        details.put("breach", breach.id());
        audit.record(Actor.SYSTEM, AuditActions.MONITORING_REVIEW_OPENED, subject, details, lifecycleId);
    }

    /** The breach's evidence as the verdict change audited it, and the policy's actions for the signal. */
    private static LinkedHashMap<String, Object> breachDetails(ServingStore.Breach breach, PolicyVersion policy,
            List<String> onBreach) {
        var details = policyDetails(policy);
        details.put("signal", breach.signal());
        details.put("breach", breach.id());
        details.put("from", breach.previous());
        details.put("to", "BREACH");
        details.put("onBreach", onBreach);
        details.put("evidence", breach.evidence());
        return details;
    }

    private static LinkedHashMap<String, Object> policyDetails(PolicyVersion policy) {
        var details = new LinkedHashMap<String, Object>();
        details.put("policy", policy.name());
        details.put("policyVersion", policy.version());
        details.put("policySha256", policy.sha256());
        return details;
    }
}
