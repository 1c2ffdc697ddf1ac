package org.modelops.governance.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWT;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void aVerifiedTokenIsRememberedUntilItExpiresButNoLongerThanTheMaximumAge() {
        assertThat(VerifiedTokens.rememberUntil(NOW.plusSeconds(30), NOW, Duration.ofMinutes(1)))
                .contains(NOW.plusSeconds(30));
        assertThat(VerifiedTokens.rememberUntil(NOW.plusSeconds(300), NOW, Duration.ofMinutes(1)))
                .contains(NOW.plusSeconds(60));
    }

    @Test
    void aTokenWithoutExpiryAnExpiredOneOrRememberingOffIsNotRemembered() {
        assertThat(VerifiedTokens.rememberUntil(null, NOW, Duration.ofMinutes(1))).isEmpty();
        assertThat(VerifiedTokens.rememberUntil(NOW, NOW, Duration.ofMinutes(1))).isEmpty();
        assertThat(VerifiedTokens.rememberUntil(NOW.minusSeconds(1), NOW, Duration.ofMinutes(1))).isEmpty();
        assertThat(VerifiedTokens.rememberUntil(NOW.plusSeconds(30), NOW, Duration.ZERO)).isEmpty();
    }

    @Test
    void readsTheExpiryAsTheJwtLibraryOrAPlainClaimGivesIt() {
        assertThat(VerifiedTokens.expiry(Date.from(NOW))).isEqualTo(NOW);
        assertThat(VerifiedTokens.expiry(NOW.getEpochSecond())).isEqualTo(NOW);
        assertThat(VerifiedTokens.expiry(NOW)).isEqualTo(NOW);
        assertThat(VerifiedTokens.expiry("tomorrow")).isNull();
        assertThat(VerifiedTokens.expiry(null)).isNull();
    }

    @Test
    void checksATokenOnceWhileItIsRememberedAndAgainOnceItExpired() {
        var checked = new AtomicInteger();
        var clock = new MovableClock(NOW);
        var tokens = new VerifiedTokens(checks(checked, NOW.plusSeconds(30)), Duration.ofMinutes(1), clock);

        assertThat(Mono.from(tokens.validateToken("t", null)).block().getName()).isEqualTo("erin");
        assertThat(Mono.from(tokens.validateToken("t", null)).block().getName()).isEqualTo("erin");
        assertThat(checked).hasValue(1);

        clock.now = NOW.plusSeconds(30);
        assertThat(tokens.remembered("t")).isEmpty();
        Mono.from(tokens.validateToken("t", null)).block();
        assertThat(checked).hasValue(2);
    }

    @Test
    void aRefusedTokenIsCheckedAfreshEveryTime() {
        var checked = new AtomicInteger();
        var tokens = new VerifiedTokens(refusing(checked), Duration.ofMinutes(1), new MovableClock(NOW));

        assertThat(Mono.from(tokens.validateToken("bad", null)).blockOptional()).isEmpty();
        assertThat(Mono.from(tokens.validateToken("bad", null)).blockOptional()).isEmpty();
        assertThat(checked).hasValue(2);
    }

    private static ReactiveJsonWebTokenValidator<JWT, HttpRequest<?>> checks(AtomicInteger checked, Instant exp) {
        return new ReactiveJsonWebTokenValidator<>() {
            @Override
            public Publisher<JWT> validate(String token, HttpRequest<?> request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
                checked.incrementAndGet();
                return Mono.just(Authentication.build("erin", List.of("ml-engineer"),
                        Map.of("exp", Date.from(exp))));
            }
        };
    }

    private static ReactiveJsonWebTokenValidator<JWT, HttpRequest<?>> refusing(AtomicInteger checked) {
        return new ReactiveJsonWebTokenValidator<>() {
            @Override
            public Publisher<JWT> validate(String token, HttpRequest<?> request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
                checked.incrementAndGet();
                return Mono.empty();
            }
        };
    }

    private static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
