package org.modelops.governance.workflow;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.Map;
import org.flowable.engine.ProcessEngine;

/** Healthy when the engine answers a query through its own database session and the lifecycle is deployed. */
@Singleton
class WorkflowHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final ProcessEngine engine;

    WorkflowHealthIndicator(ProcessEngine engine) {
        this.engine = engine;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        long definitions = engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().count();
        healthStatus = definitions > 0 ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of("engine", engine.getName(), "processDefinitions", definitions, "jobExecutor",
                engine.getProcessEngineConfiguration().isAsyncExecutorActivate());
    }

    @Override
    protected String getName() {
        return "workflow";
    }
}
