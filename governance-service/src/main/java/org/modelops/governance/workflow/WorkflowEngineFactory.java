package org.modelops.governance.workflow;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import javax.sql.DataSource;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.common.engine.impl.interceptor.CommandInterceptor;
import org.flowable.common.engine.impl.persistence.StrongUuidGenerator;
import org.flowable.engine.HistoryService;
import org.flowable.engine.ManagementService;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;

@Factory
class WorkflowEngineFactory {

    @Singleton
    @Bean(preDestroy = "close")
    ProcessEngine processEngine(DataSource dataSource, TransactionOperations<Connection> transactions,
            BeanContext beanContext, WorkflowProperties properties) {
        var configuration = new StandaloneProcessEngineConfiguration() {
            @Override
            public CommandInterceptor createTransactionInterceptor() {
                return new MicronautTransactionInterceptor(transactions);
            }

            @Override
            public void initEntityManagers() {
                if (activityInstanceEntityManager == null) {
                    activityInstanceEntityManager = new UnrecordedActivities(this, activityInstanceDataManager);
                }
                super.initEntityManagers();
            }
        };
        configuration.setDataSource(dataSource);
        configuration.setDatabaseType("postgres");
        configuration.setTransactionsExternallyManaged(true);
        configuration.setTransactionContextFactory(
                commandContext -> new MicronautTransactionContext(transactions, commandContext));
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        // History of instances and tasks only (whether a task was decided or withdrawn): what was decided, by whom,
        // on which evidence is the audit trail's; activity and variable history doubled the engine's writes.
        configuration.setHistoryLevel(HistoryLevel.TASK);
        // One INSERT per row: Flowable's multi-row inserts are built by MyBatis' dynamic foreach on every flush,
        // which cost more CPU than the round trips they save (docs/benchmarks.md, "Where a submission's time goes").
        configuration.setBulkInsertEnabled(false);
        configuration.setIdGenerator(new StrongUuidGenerator());
        configuration.setDisableIdmEngine(true);
        configuration.setDisableEventRegistry(true);
        configuration.setBeans(new WorkflowBeans(beanContext));
        configuration.setAsyncExecutorActivate(properties.runsJobs());
        configuration.setAsyncExecutorDefaultTimerJobAcquireWaitTime((int) properties.pollInterval().toMillis());
        configuration.setAsyncExecutorDefaultAsyncJobAcquireWaitTime((int) properties.pollInterval().toMillis());
        // Flowable's default lock is an hour: a replica that died holding a job stranded it that long.
        configuration.setAsyncExecutorAsyncJobLockTimeInMillis((int) properties.lockTime().toMillis());
        configuration.setAsyncExecutorTimerLockTimeInMillis((int) properties.lockTime().toMillis());
        configuration.setAsyncExecutorResetExpiredJobsInterval((int) properties.expiredJobsCheck().toMillis());
        configuration.setAsyncExecutorUnlockOwnedJobs(true);
        configuration.setAsyncExecutorCorePoolSize(properties.threads());
        configuration.setAsyncExecutorMaxPoolSize(properties.threads());
        configuration.setEngineName("modelops-governance");
        return configuration.buildProcessEngine();
    }

    @Singleton
    RuntimeService runtimeService(ProcessEngine engine) {
        return engine.getRuntimeService();
    }

    @Singleton
    TaskService taskService(ProcessEngine engine) {
        return engine.getTaskService();
    }

    @Singleton
    RepositoryService repositoryService(ProcessEngine engine) {
        return engine.getRepositoryService();
    }

    @Singleton
    HistoryService historyService(ProcessEngine engine) {
        return engine.getHistoryService();
    }

    @Singleton
    ManagementService managementService(ProcessEngine engine) {
        return engine.getManagementService();
    }
}
