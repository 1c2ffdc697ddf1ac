package org.modelops.governance.audit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.modelops.audit.AuditSealer;
import org.modelops.audit.JdbcAuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals committed pending audit events into the chain (docs/audit.md, "Appending: queue, then seal"): right after
 * each committing transaction that recorded events, before its thread goes on (so the API reads its own writes), at
 * start-up and every {@code governance.audit.seal-interval} (whatever a crash between a commit and its seal left, here
 * or on another replica). One JVM seals in one thread at a time, on its own connection, for all its writers at once.
 */
@Singleton
class AuditSealing implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(AuditSealing.class);

    private final AuditSealer sealer;

    AuditSealing(DataSource dataSource, MeterRegistry meters, @Value("${datasources.default.url}") String url,
            @Value("${datasources.default.username}") String username,
            @Value("${datasources.default.password:}") String password,
            @Value("${datasources.default.data-source-properties.socketTimeout:30}") String socketTimeout,
            @Value("${governance.database.sealer-session:SET lock_timeout = '8s'; SET statement_timeout = '15s';"
                    + " SET idle_in_transaction_session_timeout = '5s'}") String session,
            List<AppendedEvents> observers) {
        var held = Timer.builder("modelops.audit.head.lock.held")
                .description("A seal batch: from its first statement (the head locked) to its commit")
                .publishPercentiles(0.5, 0.99).register(meters);
        var batchSize = DistributionSummary.builder("modelops.audit.seal.batch.events")
                .description("Events sealed into the chain per head lock").publishPercentiles(0.5, 0.99)
                .register(meters);
        this.sealer = new AuditSealer(
                new JdbcAuditTrail(dataSource, Clock.systemUTC()).observedBy(observing(observers)),
                () -> {
                    var properties = new Properties();
                    properties.setProperty("user", username);
                    properties.setProperty("password", password);
                    properties.setProperty("ApplicationName", "modelops-audit-sealer");
                    properties.setProperty("socketTimeout", socketTimeout);
                    properties.setProperty("tcpKeepAlive", "true");
                    var connection = DriverManager.getConnection(url, properties);
                    try (var statement = connection.createStatement()) {
                        statement.execute(session);
                    }
                    return connection;
                }, (sealed, nanos) -> {
                    held.record(nanos, TimeUnit.NANOSECONDS);
                    batchSize.record(sealed.events());
                });
    }

    /**
     * The observers of appended events (the event outbox), told in the transaction that chains them: by the sealer for
     * recorded events, by a direct append for events that stand alone.
     */
    static JdbcAuditTrail.ChainObserver observing(List<AppendedEvents> observers) {
        var all = List.copyOf(observers);
        return all.isEmpty() ? JdbcAuditTrail.ChainObserver.NONE : (connection, events) -> {
            for (var observer : all) {
                observer.appended(connection, events);
            }
        };
    }

    /**
     * After a commit that wrote pending events: returns once they are sealed. A failure leaves them pending, committed
     * with their change, for the next seal; the change itself stands.
     */
    void sealCommitted() {
        try {
            sealer.sealThrough(sealer.ticket());
        } catch (RuntimeException e) {
            LOG.warn("committed audit events stay pending until the next seal: {}", e.toString());
        }
    }

    int sealAll() {
        return sealer.sealAll();
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        sealPeriodically();
    }

    @Scheduled(fixedDelay = "${governance.audit.seal-interval:1s}", initialDelay = "${governance.audit.seal-interval:1s}")
    void sealPeriodically() {
        try {
            int sealed = sealer.sealAll();
            if (sealed > 0) {
                LOG.debug("sealed {} pending audit event(s)", sealed);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not seal pending audit events: {}", e.toString());
        }
    }

    @PreDestroy
    void close() {
        sealer.close();
    }
}
