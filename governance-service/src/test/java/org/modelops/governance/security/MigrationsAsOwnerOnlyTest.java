package org.modelops.governance.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.flyway.event.MigrationFinishedEvent;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.modelops.governance.testing.ServiceTest;

/** The migrations run once per start, as the owner: not a second time over the service's own pool. */
@MicronautTest
class MigrationsAsOwnerOnlyTest extends ServiceTest {

    @Singleton
    static class Migrations implements ApplicationEventListener<MigrationFinishedEvent> {

        final AtomicInteger finished = new AtomicInteger();

        @Override
        public void onApplicationEvent(MigrationFinishedEvent event) {
            finished.incrementAndGet();
        }
    }

    @Inject
    Migrations migrations;

    @Inject
    javax.sql.DataSource dataSource;

    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    @Test
    void theSchemaIsMigratedOnceAtStart() {
        assertThat(dataSource).isNotNull();
        assertThat(migrations.finished).hasValue(1);
    }
}
