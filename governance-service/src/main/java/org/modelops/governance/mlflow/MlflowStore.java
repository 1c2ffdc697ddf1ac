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

    /**
     * A version created through MLflow that waits for its evidence: its number is reserved, its lifecycle has not
     * started (docs/mlflow.md, "Waiting for evidence").
     *
     * @param tags as sent with the create, then with the tags set while it waits
     * @param run what the tracking server answered (null: not read)
     * @param runProblem why the run could not be read at the last attempt (null: read, or nothing to read)
     * @param missing the status message: what is missing and what would supply it
     * @param requestSha256 the digest of the create request, so that a retried create finds it
     */
    record Pending(ModelName model, int version, String source, String runId, String modelId, String runLink,
            String description, Map<String, String> tags, org.modelops.governance.mlflow.model.TrackedRun run,
            String runProblem, String missing, String requestSha256, String createdBy, Instant createdAt,
            Instant updatedAt) {

        public Pending {
            tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
        }
    }

    void addPending(Pending pending);

    void updatePending(Pending pending);

    void deletePending(ModelName model, int version);

    Optional<Pending> pending(ModelName model, int version);

    /** The waiting versions among the keys. */
    Map<VersionKey, Pending> pending(List<VersionKey> keys);

    /** The newest waiting version the same person created since {@code since} with the same request. */
    Optional<Pending> samePending(ModelName model, String createdBy, Instant since, String requestSha256);

    /** When each version last changed (state, verdicts, tags set later): MLflow's last_updated_timestamp. */
    Map<VersionKey, Instant> lastUpdated(List<VersionKey> keys);

    /** When the model last changed (description, tags set later, a new version). */
    Instant modelUpdated(ModelName model);

    /** Tags set after creation on each of the versions. */
    Map<VersionKey, Map<String, String>> annotations(List<VersionKey> keys);

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
