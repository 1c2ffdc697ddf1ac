package org.modelops.governance.mlflow.model;

import java.util.List;
import org.modelops.governance.registry.model.ModelVersion;

/** A version as MLflow sees it, with the aliases that name it. */
public record MlflowVersion(ModelVersion version, List<String> aliases) {

    public MlflowVersion {
        aliases = List.copyOf(aliases);
    }
}
