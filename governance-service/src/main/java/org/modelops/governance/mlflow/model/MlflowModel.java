package org.modelops.governance.mlflow.model;

import java.util.Map;
import org.modelops.governance.registry.model.ModelVersion;
import org.modelops.governance.registry.model.RegisteredModel;

/** A registered model as MLflow sees it: its newest version (null: none yet) and every alias, governed or free. */
public record MlflowModel(RegisteredModel model, ModelVersion latest, Map<String, Integer> aliases) {

    public MlflowModel {
        aliases = Map.copyOf(aliases);
    }
}
