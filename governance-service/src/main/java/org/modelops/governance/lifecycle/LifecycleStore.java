package org.modelops.governance.lifecycle;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.modelops.governance.lifecycle.model.EvaluationReport;
import org.modelops.governance.lifecycle.model.MeasuredMetrics;
import org.modelops.governance.policy.model.PolicyVerdict;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.registry.model.ModelName;

/** What the lifecycle keeps besides the registry's rows; every method joins the caller's transaction. */
public interface LifecycleStore {

    /** A version of the model and the lifecycle that governs it (null for none). */
    record VersionRef(int version, LifecycleState state, String lifecycleId) {
    }

    /** One version's share of the model's traffic. */
    record Share(int version, int percent) {
    }

    /**
     * Locks the model's row until the transaction ends: promotions and rollbacks of one model take turns. Returns
     * false when this transaction held it already (nothing was asked of the database), true when it was just taken.
     */
    boolean lockModel(ModelName model);

    /** Pins the policy the version's lifecycle {@code lifecycleId} runs under (and attaches that lifecycle). */
    void pinPolicy(ModelName model, int version, String policyName, int policyVersion, String policySha256,
            String lifecycleId);

    void saveVerdict(ModelName model, int version, PolicyVerdict verdict, Integer championVersion);

    /** The stored verdict of a stage ({@code validation} or {@code champion-challenger}). */
    Optional<PolicyVerdict> verdict(ModelName model, int version, String stage);

    void changeState(ModelName model, int version, LifecycleState state, String reason);

    Optional<Integer> champion(ModelName model);

    /** The champion this version superseded when it was promoted, if any. */
    Optional<Integer> superseded(ModelName model, int version);

    void recordSuperseded(ModelName model, int version, Integer superseded);

    /** The submission's metrics on its evaluation dataset and every evaluation report, oldest first. */
    MeasuredMetrics measured(ModelName model, int version);

    List<EvaluationReport> reports(ModelName model, int version);

    void saveComparison(ModelName model, int version, Map<String, Object> comparison);

    /** The hash of the evidence document the version's current verdicts were reached on. */
    void saveEvidenceSha256(ModelName model, int version, String sha256);

    /** The model's versions in these states, by version number. */
    List<VersionRef> versionsIn(ModelName model, Set<LifecycleState> states);

    void addEvaluation(ModelName model, int version, String datasetUri, String datasetSha256,
            Map<String, Double> metrics, Map<String, Map<String, Double>> sliceMetrics, String reportedBy);

    List<Share> deployment(ModelName model);

    void replaceDeployment(ModelName model, List<Share> shares);
}
