package org.modelops.bench;

import java.util.Map;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.common.engine.impl.persistence.StrongUuidGenerator;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;

/**
 * The raw floor of a submission's workflow part: an embedded Flowable engine, configured like the service's
 * (history TASK and one-row inserts as the service, strong UUIDs, no IDM or event-registry engine, no async executor), starting instances of a minimal
 * process with the business key and variables the service's launcher sets. Each start is one Flowable command, so one
 * transaction on the engine's own connection pool.
 */
final class FlowableFloor implements AutoCloseable {

    static final String PROCESS_KEY = "benchSubmission";
    private static final String PROCESS_RESOURCE = "bench-process.bpmn20.xml";

    private final ProcessEngine engine;
    private final RuntimeService runtime;

    FlowableFloor(Options options, int maxClients) {
        var configuration = new StandaloneProcessEngineConfiguration();
        configuration.setJdbcUrl(options.jdbcUrl());
        configuration.setJdbcUsername(options.dbUser());
        configuration.setJdbcPassword(options.dbPassword());
        configuration.setJdbcDriver("org.postgresql.Driver");
        configuration.setDatabaseType("postgres");
        // The built-in MyBatis pool allows 10 connections by default: too few for 16 clients.
        configuration.setJdbcMaxActiveConnections(maxClients + 2);
        configuration.setJdbcMaxIdleConnections(maxClients + 2);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistoryLevel(HistoryLevel.TASK);
        configuration.setBulkInsertEnabled(false);
        configuration.setIdGenerator(new StrongUuidGenerator());
        configuration.setAsyncExecutorActivate(false);
        configuration.setDisableIdmEngine(true);
        configuration.setDisableEventRegistry(true);
        configuration.setEngineName("modelops-bench");
        this.engine = configuration.buildProcessEngine();
        this.runtime = engine.getRuntimeService();
        engine.getRepositoryService().createDeployment().name("bench").addClasspathResource(PROCESS_RESOURCE)
                .enableDuplicateFiltering().deploy();
    }

    long runningInstances() {
        return runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count();
    }

    /** Every client starts instances through the shared engine; the model names only feed the business keys. */
    LoadRunner.WorkerFactory starters(String modelPrefix) {
        return index -> new Starter(modelPrefix + "-" + index);
    }

    @Override
    public void close() {
        engine.close();
    }

    private final class Starter implements LoadRunner.Worker {

        private final String model;
        private int sequence;
        private String businessKey;
        private Map<String, Object> variables;

        Starter(String model) {
            this.model = model;
        }

        @Override
        public void prepare() {
            sequence++;
            businessKey = model + "/" + sequence;
            variables = Map.of("model", model, "version", sequence, "riskTier", "LOW", "submittedBy",
                    "service-account-ci-pipeline");
        }

        @Override
        public String call() {
            var instance = runtime.startProcessInstanceByKey(PROCESS_KEY, businessKey, variables);
            return instance.getId() == null ? "no process instance id" : null;
        }
    }
}
