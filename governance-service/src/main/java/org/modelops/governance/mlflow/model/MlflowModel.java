package org.modelops.governance.mlflow.model;

import java.util.Map;
import org.modelops.governance.registry.model.ModelVersion;
import org.modelops.governance.registry.model.RegisteredModel;

/**
 * A registered model as MLflow sees it: its newest version (null: none yet), every alias, governed or free, and the
 * tags set after registration.
 */
public record MlflowModel(RegisteredModel model, ModelVersion latest, Map<String, Integer> aliases,
        Map<String, String> annotations) {

    public MlflowModel {
        aliases = Map.copyOf(aliases);
        annotations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(annotations));
    }
}
