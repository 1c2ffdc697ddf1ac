package org.modelops.governance.workflow;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process definitions this replica deployed at start-up, by process key: lifecycles are started on them by id.
 * A start by key looks the latest definition up in the database each time (a fifth of a submission's engine work);
 * by id the engine answers from its cache. It also means a replica starts lifecycles only on the BPMN it ships and
 * whose steps it has, even while another replica of a newer release has deployed a newer definition.
 */
@Singleton
public class DeployedWorkflows {

    private final Map<String, String> definitions = new ConcurrentHashMap<>();

    void deployed(String processKey, String definitionId) {
        definitions.put(processKey, definitionId);
    }

    /** The definition deployed for {@code processKey}, or empty before the deployment (start by key then). */
    public Optional<String> definitionId(String processKey) {
        return Optional.ofNullable(definitions.get(processKey));
    }
}
