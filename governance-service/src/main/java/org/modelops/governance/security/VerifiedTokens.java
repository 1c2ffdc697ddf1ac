package org.modelops.governance.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jwt.JWT;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * A bearer token that passed every check (signature against the realm's JWKS, issuer, audience, expiry, access tokens
 * only) is remembered for the rest of its life, at most {@code governance.security.verified-token-ttl}, so that a
 * pipeline calling with the same token does not pay for parsing and the RSA check on every request. Only successes are
 * remembered: a refused token is checked afresh every time. What a cached token can still do after its signing key
 * left the JWKS is bounded by that lifetime (one minute by default; 0 turns remembering off).
 */
@Singleton
@Order(-100)
class VerifiedTokens implements TokenValidator<HttpRequest<?>> {

    private static final int MAX_TOKENS = 4_096;

    private final ReactiveJsonWebTokenValidator<JWT, HttpRequest<?>> checks;
    private final Duration maxAge;
    private final Clock clock;
    private final Cache<String, Remembered> remembered;

    @Inject
    VerifiedTokens(ReactiveJsonWebTokenValidator<JWT, HttpRequest<?>> checks,
            @Value("${governance.security.verified-token-ttl:1m}") Duration maxAge) {
        this(checks, maxAge, Clock.systemUTC());
    }

    VerifiedTokens(ReactiveJsonWebTokenValidator<JWT, HttpRequest<?>> checks, Duration maxAge, Clock clock) {
        this.checks = checks;
        this.maxAge = maxAge;
        this.clock = clock;
        this.remembered = Caffeine.newBuilder().maximumSize(MAX_TOKENS).expireAfterWrite(maxAge.isZero()
                ? Duration.ofMillis(1)
                : maxAge).build();
    }

    private record Remembered(Authentication authentication, Instant until) {
    }

    @Override
    public Publisher<Authentication> validateToken(String token, @Nullable HttpRequest<?> request) {
        var known = remembered(token);
        if (known.isPresent()) {
            return Publishers.just(known.get());
        }
        return Publishers.then(checks.validateToken(token, request), authentication -> remember(token,
                authentication));
    }

    Optional<Authentication> remembered(String token) {
        var known = remembered.getIfPresent(token);
        if (known == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(known.until())) {
            remembered.invalidate(token);
            return Optional.empty();
        }
        return Optional.of(known.authentication());
    }

    void remember(String token, Authentication authentication) {
        var now = clock.instant();
        rememberUntil(expiry(authentication.getAttributes().get("exp")), now, maxAge)
                .ifPresent(until -> remembered.put(token, new Remembered(authentication, until)));
    }

    /**
     * Until when a verified token may be taken as verified: its expiry, but no longer than {@code maxAge} from now;
     * nothing when it has no expiry, has expired, or remembering is off.
     */
    static Optional<Instant> rememberUntil(@Nullable Instant expiry, Instant now, Duration maxAge) {
        if (expiry == null || maxAge.isZero() || maxAge.isNegative() || !now.isBefore(expiry)) {
            return Optional.empty();
        }
        var latest = now.plus(maxAge);
        return Optional.of(expiry.isBefore(latest) ? expiry : latest);
    }

    static @Nullable Instant expiry(@Nullable Object exp) {
        return switch (exp) {
            case Date date -> date.toInstant();
            case Instant instant -> instant;
            case Number seconds -> Instant.ofEpochSecond(seconds.longValue());
            case null, default -> null;
        };
    }
}
