package org.modelops.governance.workflow;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.io.scan.ClassPathResourceLoader;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.flowable.engine.RepositoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the BPMN files at start-up: those packaged from {@code workflows/}, overridden by same-named files in
 * {@code governance.workflow.directory} when set. The engine keeps a new definition version only when a file's
 * content changed; running instances stay on the version they started with.
 */
@Singleton
class WorkflowDeployer implements ApplicationEventListener<StartupEvent> {

    static final String[] PACKAGED = {"model-version-lifecycle.bpmn20.xml"};
    private static final Logger LOG = LoggerFactory.getLogger(WorkflowDeployer.class);

    private final RepositoryService repository;
    private final ClassPathResourceLoader classpath;
    private final WorkflowProperties properties;

    WorkflowDeployer(RepositoryService repository, ClassPathResourceLoader classpath, WorkflowProperties properties) {
        this.repository = repository;
        this.classpath = classpath;
        this.properties = properties;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        deploy(workflowFiles());
    }

    public void deploy(Map<String, byte[]> files) {
        var deployment = repository.createDeployment().name("modelops-workflows").enableDuplicateFiltering();
        files.forEach(deployment::addBytes);
        var deployed = deployment.deploy();
        LOG.info("Workflows deployed: {} (deployment {})", files.keySet(), deployed.getId());
    }

    Map<String, byte[]> workflowFiles() {
        var files = new LinkedHashMap<String, byte[]>();
        for (var name : PACKAGED) {
            classpath.getResourceAsStream("workflows/" + name).ifPresent(in -> files.put(name, read(in)));
        }
        if (properties.directory() != null) {
            try (Stream<Path> paths = Files.list(Path.of(properties.directory()))) {
                paths.filter(path -> path.getFileName().toString().endsWith(".bpmn20.xml"))
                        .forEach(path -> files.put(path.getFileName().toString(), readFile(path)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read workflows from " + properties.directory(), e);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no BPMN workflow found: the service cannot govern anything");
        }
        return files;
    }

    private static byte[] read(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readFile(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
