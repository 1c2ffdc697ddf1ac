package org.modelops.governance.lifecycle;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modelops.governance.policy.model.PolicyVerdict;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.registry.model.ModelName;

/** What the lifecycle keeps besides the registry's rows; every method joins the caller's transaction. */
public interface LifecycleStore {

    /** Metrics of a version on one evaluation dataset, identified by its digest. */
    record DatasetMetrics(String datasetSha256, Map<String, Double> metrics, String source) {
    }

    /** One version's share of the model's traffic. */
    record Share(int version, int percent) {
    }

    /** Locks the model's row until the transaction ends: promotions and rollbacks of one model take turns. */
    void lockModel(ModelName model);

    void pinPolicy(ModelName model, int version, String policyName, int policyVersion, String policySha256);

    void saveVerdict(ModelName model, int version, PolicyVerdict verdict, Integer championVersion);

    /** The stored verdict of a stage ({@code validation} or {@code champion-challenger}). */
    Optional<PolicyVerdict> verdict(ModelName model, int version, String stage);

    void changeState(ModelName model, int version, LifecycleState state, String reason);

    Optional<Integer> champion(ModelName model);

    /** The champion this version superseded when it was promoted, if any. */
    Optional<Integer> superseded(ModelName model, int version);

    void recordSuperseded(ModelName model, int version, Integer superseded);

    List<DatasetMetrics> metrics(ModelName model, int version);

    void addEvaluation(ModelName model, int version, String datasetUri, String datasetSha256,
            Map<String, Double> metrics, Map<String, Map<String, Double>> sliceMetrics, String reportedBy);

    List<Share> deployment(ModelName model);

    void replaceDeployment(ModelName model, List<Share> shares);
}
