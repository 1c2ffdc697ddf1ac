package org.modelops.governance.events;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.List;
import org.modelops.governance.events.model.Receivers;
import org.modelops.governance.events.model.RetrySchedule;

/**
 * {@code governance.events.*} (docs/events.md): the CloudEvents {@code source} of this deployment, the hosts receivers
 * may live on (empty: any), and how deliveries are made and retried.
 */
@ConfigurationProperties("governance.events")
public record EventsProperties(@Nullable String source, @Nullable List<String> allowedHosts,
        @Nullable Integer batchSize, @Nullable Duration connectTimeout, @Nullable Duration readTimeout,
        @Nullable List<Duration> retryDelays, @Nullable Integer maxAttempts, @Nullable Duration maxAge,
        @Nullable Duration secretOverlap, @Nullable Duration keepDeliveredFor) {

    public String eventSource() {
        return source == null || source.isBlank() ? "urn:modelops:governance" : source;
    }

    public Receivers receivers() {
        return new Receivers(allowedHosts);
    }

    /** Deliveries one round takes at most (each round also fans out at most this many events per subscription). */
    public int batch() {
        return batchSize == null ? 50 : batchSize;
    }

    public Duration connect() {
        return connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    }

    /** How long a receiver may take to answer, after the connection is made. */
    public Duration read() {
        return readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
    }

    /** How long a replica holds a delivery it took: well beyond one request, so no other replica sends it meanwhile. */
    public Duration lease() {
        return connect().plus(read()).multipliedBy(2).plusSeconds(30);
    }

    public RetrySchedule schedule() {
        return new RetrySchedule(retryDelays == null || retryDelays.isEmpty()
                ? RetrySchedule.DEFAULT_DELAYS
                : retryDelays, maxAttempts == null ? 12 : maxAttempts, maxAge == null ? Duration.ofDays(2) : maxAge);
    }

    /** How long DELIVERED deliveries stay listed before they are pruned (DEAD ones stay until replayed or deleted). */
    public Duration keepDelivered() {
        return keepDeliveredFor == null ? Duration.ofDays(7) : keepDeliveredFor;
    }

    /** After a rotation, requests are signed with the previous secret too for this long. */
    public Duration previousSecretValidity() {
        return secretOverlap == null ? Duration.ofHours(24) : secretOverlap;
    }
}
