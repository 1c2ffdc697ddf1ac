package org.modelops.governance.mlflow.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.modelops.governance.registry.model.RegisteredModel;

/**
 * A registered model as MLflow sees it: its newest version (null: none yet), every alias, governed or free, the
 * tags set after registration and when it last changed.
 */
public record MlflowModel(RegisteredModel model, MlflowVersion latest, Map<String, Integer> aliases,
        Map<String, String> annotations, Instant lastUpdated) {

    public MlflowModel {
        aliases = Map.copyOf(aliases);
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
        lastUpdated = lastUpdated == null ? model.createdAt() : lastUpdated;
    }
}
