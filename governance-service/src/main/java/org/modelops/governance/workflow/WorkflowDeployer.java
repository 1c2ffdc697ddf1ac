package org.modelops.governance.workflow;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowable.engine.RepositoryService;
import org.modelops.governance.shared.ClasspathFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the BPMN files at start-up: those packaged from {@code workflows/}, overridden by same-named files in
 * {@code governance.workflow.directory} when set. The engine keeps a new definition version only when a file's
 * content changed; running instances stay on the version they started with.
 */
@Singleton
class WorkflowDeployer implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowDeployer.class);

    private final RepositoryService repository;
    private final WorkflowProperties properties;
    private final DeployedWorkflows deployedWorkflows;

    WorkflowDeployer(RepositoryService repository, WorkflowProperties properties, DeployedWorkflows deployed) {
        this.repository = repository;
        this.properties = properties;
        this.deployedWorkflows = deployed;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        deploy(workflowFiles());
    }

    public void deploy(Map<String, byte[]> files) {
        var deployment = repository.createDeployment().name("modelops-workflows").enableDuplicateFiltering();
        files.forEach(deployment::addBytes);
        var deployed = deployment.deploy();
        // Unchanged files: the engine returns the earlier deployment, whose definitions are those of these files.
        repository.createProcessDefinitionQuery().deploymentId(deployed.getId()).list()
                .forEach(definition -> deployedWorkflows.deployed(definition.getKey(), definition.getId()));
        LOG.info("Workflows deployed: {} (deployment {})", files.keySet(), deployed.getId());
    }

    Map<String, byte[]> workflowFiles() {
        var files = new LinkedHashMap<>(ClasspathFolder.read("workflows", ".bpmn20.xml"));
        if (properties.directory() != null) {
            files.putAll(ClasspathFolder.readDirectory(Path.of(properties.directory()), ".bpmn20.xml"));
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no BPMN workflow found: the service cannot govern anything");
        }
        return files;
    }
}
