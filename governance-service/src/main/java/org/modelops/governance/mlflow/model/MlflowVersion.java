package org.modelops.governance.mlflow.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelops.governance.registry.model.ModelVersion;

/**
 * A version as MLflow sees it, with the aliases that name it, the tags set after its creation and when it last
 * changed.
 *
 * @param awaiting for a version that waits for its evidence (its lifecycle has not started, {@code version} holds
 *         what it was created with): what is missing; null for a submitted version
 */
public record MlflowVersion(ModelVersion version, List<String> aliases, Map<String, String> annotations,
        Instant lastUpdated, String awaiting) {

    public MlflowVersion {
        aliases = List.copyOf(aliases);
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
        lastUpdated = lastUpdated == null ? version.submittedAt() : lastUpdated;
    }

    public boolean waiting() {
        return awaiting != null;
    }
}
