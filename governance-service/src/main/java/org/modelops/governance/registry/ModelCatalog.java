package org.modelops.governance.registry;

import java.util.Optional;
import java.util.OptionalInt;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.registry.model.ModelName;
import org.modelops.governance.registry.model.ModelSearch;
import org.modelops.governance.registry.model.ModelVersion;
import org.modelops.governance.registry.model.RegisteredModel;
import org.modelops.governance.registry.model.RiskTier;
import org.modelops.governance.shared.Page;
import org.modelops.governance.shared.PageRequest;

/** Where registered models and versions are kept; every method joins the caller's transaction. */
public interface ModelCatalog {

    /** Stores a new model; false when the name is already taken (also by a concurrent registration). */
    boolean add(RegisteredModel model);

    Optional<RegisteredModel> model(ModelName name);

    /**
     * The model for a submission: its row share-locked until the transaction ends, so what the submission read
     * (risk tier, owner team) cannot change under it ({@link #modelForUpdate} waits), while lifecycle steps of its
     * other versions (which lock the row for no key update) go on.
     */
    Optional<RegisteredModel> modelForSubmission(ModelName name);

    /** The model, its row locked until the transaction ends (for a change that depends on what it was). */
    Optional<RegisteredModel> modelForUpdate(ModelName name);

    void reclassify(ModelName name, RiskTier riskTier, String ownerTeam);

    void describe(ModelName name, String description);

    Page<RegisteredModel> search(ModelSearch search, PageRequest page);

    /**
     * Reserves the model's next version number, holding the model's version counter until the transaction ends so that
     * concurrent submissions are numbered 1, 2, 3… without gaps or duplicates. Empty for an unknown model.
     */
    OptionalInt reserveNextVersion(ModelName name);

    void add(ModelVersion version);

    Optional<ModelVersion> version(ModelName name, int version);

    /**
     * The versions named by {@code models[i]}/{@code versions[i]}, in one query, in the order asked; a pair that
     * names no version is left out.
     */
    java.util.List<ModelVersion> versions(java.util.List<ModelName> models, java.util.List<Integer> versions);

    Page<ModelVersion> versions(ModelName name, LifecycleState state, PageRequest page);

    void changeState(ModelName name, int version, LifecycleState state);
}
