package org.modelops.governance.mlflow.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelops.governance.registry.model.ModelVersion;

/** A version as MLflow sees it, with the aliases that name it and the tags set after its creation. */
public record MlflowVersion(ModelVersion version, List<String> aliases, Map<String, String> annotations) {

    public MlflowVersion {
        aliases = List.copyOf(aliases);
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }
}
