package org.modelops.governance.audit;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.modelops.audit.AuditSubject;
import org.modelops.audit.CanonicalForm;
import org.modelops.governance.security.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps refused attempts from growing the trail without bound: per caller (token subject), the first {@code limit}
 * refused attempts of a window are recorded one by one; the rest of that window are answered 429 and, once the window
 * has passed, recorded as one {@code access.throttled} event with their count. Each replica counts on its own.
 */
@Singleton
class RefusedAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(RefusedAttempts.class);
    private static final int ENDPOINTS_KEPT = 10;

    private final AuditLog audit;
    private final int limit;
    private final Duration length;
    private final Clock clock = Clock.systemUTC();
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Window> ended = new ConcurrentLinkedQueue<>();

    RefusedAttempts(AuditLog audit, @Value("${governance.audit.refused-attempts.limit:10}") int limit,
            @Value("${governance.audit.refused-attempts.window:1m}") Duration length) {
        this.audit = audit;
        this.limit = limit;
        this.length = length;
    }

    /** Empty when this attempt is to be recorded on its own; otherwise how long until the caller's window ends. */
    Optional<Duration> admit(Actor actor, String endpoint) {
        var now = clock.instant();
        while (true) {
            var window = windows.computeIfAbsent(actor.subject(), key -> new Window(actor, now, now.plus(length)));
            synchronized (window) {
                if (window.closed) {
                    continue;
                }
                if (!now.isBefore(window.end)) {
                    close(window);
                    continue;
                }
                window.attempts++;
                if (window.attempts <= limit) {
                    return Optional.empty();
                }
                window.suppress(endpoint, now);
                return Optional.of(Duration.between(now, window.end));
            }
        }
    }

    @Scheduled(fixedDelay = "${governance.audit.refused-attempts.flush-interval:10s}", initialDelay = "1s")
    void recordEndedWindows() {
        var now = clock.instant();
        for (var window : windows.values()) {
            synchronized (window) {
                if (!window.closed && !now.isBefore(window.end)) {
                    close(window);
                }
            }
        }
        Window window;
        while ((window = ended.poll()) != null) {
            try {
                record(window);
            } catch (RuntimeException e) {
                ended.add(window);
                LOG.warn("could not record {} throttled attempts of {} yet: {}", window.suppressed,
                        window.actor.username(), e.toString());
                return;
            }
        }
    }

    @PreDestroy
    void recordEverything() {
        for (var window : windows.values()) {
            synchronized (window) {
                close(window);
            }
        }
        recordEndedWindows();
    }

    private void close(Window window) {
        window.closed = true;
        windows.remove(window.actor.subject(), window);
        if (window.suppressed > 0) {
            ended.add(window);
        }
    }

    private void record(Window window) {
        var details = new LinkedHashMap<String, Object>();
        details.put("count", window.suppressed);
        details.put("firstAt", CanonicalForm.formatTime(window.firstSuppressed));
        details.put("lastAt", CanonicalForm.formatTime(window.lastSuppressed));
        details.put("endpoints", new ArrayList<>(window.endpoints));
        details.put("recordedAlone", limit);
        details.put("window", length.toString());
        audit.recordAlone(window.actor, AuditActions.ACCESS_THROTTLED,
                new AuditSubject("actor", window.actor.subject()),
                details);
    }

    private static final class Window {

        final Actor actor;
        final Instant start;
        final Instant end;
        final Set<String> endpoints = new LinkedHashSet<>();
        int attempts;
        int suppressed;
        Instant firstSuppressed;
        Instant lastSuppressed;
        boolean closed;

        Window(Actor actor, Instant start, Instant end) {
            this.actor = actor;
            this.start = start;
            this.end = end;
        }

        void suppress(String endpoint, Instant at) {
            suppressed++;
            if (firstSuppressed == null) {
                firstSuppressed = at;
            }
            lastSuppressed = at;
            if (endpoints.size() < ENDPOINTS_KEPT) {
                endpoints.add(endpoint);
            }
        }
    }
}
