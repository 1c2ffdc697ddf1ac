package org.modelops.governance.mlflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modelops.governance.mlflow.model.SearchFilter;
import org.modelops.governance.mlflow.model.SearchOrder;
import org.modelops.governance.registry.model.ModelName;

/** The free aliases MLflow clients set, and MLflow's searches over the registry; joins the caller's transaction. */
public interface MlflowStore {

    record VersionKey(String model, int version) {
    }

    /** Names of the models the filter matches, in order, {@code limit} from {@code offset}. */
    List<String> searchModels(List<SearchFilter.Clause> filter, List<SearchOrder> order, int offset, int limit);

    List<VersionKey> searchVersions(List<SearchFilter.Clause> filter, List<SearchOrder> order, int offset, int limit);

    /** The model's free aliases and the version each names. */
    Map<String, Integer> aliases(ModelName model);

    Optional<Integer> alias(ModelName model, String alias);

    /** Points the alias at the version; returns the version it named before, if any. */
    Optional<Integer> setAlias(ModelName model, String alias, int version, String setBy, Instant setAt);

    /** Whether there was such an alias. */
    boolean deleteAlias(ModelName model, String alias);

    /**
     * The newest version of the model the same person submitted since {@code since} with the same evidence fields
     * MLflow sends (source, description, tags): a retried create finds what the first attempt created.
     */
    Optional<Integer> sameSubmission(ModelName model, String submittedBy, Instant since, String artifactUri,
            String description, Map<String, String> tags);

    /** Tags set after creation on the model (version 0) or a version: annotations, not evidence. */
    Map<String, String> annotations(ModelName model, int version);

    void annotate(ModelName model, int version, String key, String value, String setBy, Instant setAt);

    /** Whether there was such a tag. */
    boolean deleteAnnotation(ModelName model, int version, String key);
}
