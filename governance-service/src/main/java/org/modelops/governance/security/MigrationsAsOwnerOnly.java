package org.modelops.governance.security;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.naming.NameResolver;
import io.micronaut.flyway.DataSourceMigrationRunner;
import io.micronaut.flyway.FlywayConfigurationProperties;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/**
 * Runs the migrations once per start, as the schema's owner. Micronaut Flyway migrates a data source whose
 * {@code flyway.datasources.<name>} has its own {@code url}/{@code user} when that configuration is read (at start,
 * as the owner), and then again, validating every migration a second time over the service's own connection pool,
 * when the data source itself is created. The second pass finds nothing to do and cost a second or more of every
 * start (docs/benchmarks.md, start-up), so it is skipped for such data sources; one without its own migration
 * credentials is still migrated over its pool, as Micronaut does.
 */
@Singleton
@Replaces(DataSourceMigrationRunner.class)
final class MigrationsAsOwnerOnly implements BeanCreatedEventListener<DataSource> {

    private final ApplicationContext context;
    private final DataSourceMigrationRunner overThePool;

    MigrationsAsOwnerOnly(ApplicationContext context, ApplicationEventPublisher<Object> publisher,
            DataSourceResolver resolver) {
        this.context = context;
        this.overThePool = new DataSourceMigrationRunner(context, publisher, resolver);
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        boolean migratedAsOwner = event.getBeanDefinition() instanceof NameResolver named && named.resolveName()
                .flatMap(name -> context.findBean(FlywayConfigurationProperties.class, Qualifiers.byName(name)))
                .filter(FlywayConfigurationProperties::isEnabled)
                .filter(FlywayConfigurationProperties::hasAlternativeDatabaseConfiguration)
                .isPresent();
        return migratedAsOwner ? event.getBean() : overThePool.onCreated(event);
    }
}
