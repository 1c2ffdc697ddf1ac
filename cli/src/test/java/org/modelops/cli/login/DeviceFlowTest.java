package org.modelops.cli.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.modelops.cli.CliException;
import org.modelops.cli.ExitCode;
import org.modelops.cli.http.Json;

/** The device grant's states (RFC 8628 section 3.5), without HTTP. */
class DeviceFlowTest {

    private final Instant start = Instant.parse("2026-12-01T10:00:00Z");

    private DeviceFlow flow(Clock clock, long expiresIn, Long interval) {
        var answer = Json.object().put("device_code", "dc").put("user_code", "ABCD-EFGH")
                .put("verification_uri", "http://kc/device")
                .put("verification_uri_complete", "http://kc/device?user_code=ABCD-EFGH").put("expires_in", expiresIn);
        if (interval != null) {
            answer.put("interval", interval);
        }
        return new DeviceFlow(answer, clock);
    }

    private static com.fasterxml.jackson.databind.JsonNode error(String error) {
        return Json.object().put("error", error);
    }

    private static int exitOf(Runnable action) {
        try {
            action.run();
            return -1;
        } catch (CliException e) {
            return e.exitCode();
        }
    }

    @Test
    void startsWithTheProvidersIntervalOrFiveSeconds() {
        var clock = Clock.fixed(start, ZoneOffset.UTC);
        assertThat(flow(clock, 600, 2L).start()).isEqualTo(new DeviceFlow.Step.Poll(Duration.ofSeconds(2)));
        assertThat(flow(clock, 600, null).start()).isEqualTo(new DeviceFlow.Step.Poll(Duration.ofSeconds(5)));
        assertThat(flow(clock, 600, 2L).authorization().userCode()).isEqualTo("ABCD-EFGH");
        assertThat(flow(clock, 600, 2L).authorization().expiresAt()).isEqualTo(start.plusSeconds(600));
    }

    @Test
    void pendingKeepsPollingAtTheSameInterval() {
        var flow = flow(Clock.fixed(start, ZoneOffset.UTC), 600, 5L);
        assertThat(flow.onTokenAnswer(400, error("authorization_pending")))
                .isEqualTo(new DeviceFlow.Step.Poll(Duration.ofSeconds(5)));
    }

    @Test
    void slowDownAddsFiveSecondsEachTime() {
        var flow = flow(Clock.fixed(start, ZoneOffset.UTC), 600, 5L);
        assertThat(flow.onTokenAnswer(400, error("slow_down"))).isEqualTo(new DeviceFlow.Step.Poll(Duration
                .ofSeconds(10)));
        assertThat(flow.onTokenAnswer(400, error("slow_down"))).isEqualTo(new DeviceFlow.Step.Poll(Duration
                .ofSeconds(15)));
        assertThat(flow.onTokenAnswer(400, error("authorization_pending")))
                .isEqualTo(new DeviceFlow.Step.Poll(Duration.ofSeconds(15)));
    }

    @Test
    void aTokenEndsTheFlow() {
        var flow = flow(Clock.fixed(start, ZoneOffset.UTC), 600, 5L);
        var token = Json.object().put("access_token", "at").put("expires_in", 300);
        assertThat(flow.onTokenAnswer(200, token)).isEqualTo(new DeviceFlow.Step.Done(token));
    }

    @Test
    void deniedExpiredAndOtherErrorsAreAuthenticationFailures() {
        var flow = flow(Clock.fixed(start, ZoneOffset.UTC), 600, 5L);
        assertThat(exitOf(() -> flow.onTokenAnswer(400, error("access_denied")))).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(exitOf(() -> flow.onTokenAnswer(400, error("expired_token")))).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(exitOf(() -> flow.onTokenAnswer(400, error("invalid_client")))).isEqualTo(ExitCode.AUTHENTICATION);
        assertThat(exitOf(() -> flow.onTokenAnswer(502, Json.object()))).isEqualTo(ExitCode.UNAVAILABLE);
    }

    @Test
    void stopsPollingWhenTheCodeWouldExpireBeforeTheNextPoll() {
        var clock = new java.util.concurrent.atomic.AtomicReference<>(start);
        var moving = new Clock() {
            @Override
            public Instant instant() {
                return clock.get();
            }

            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        var flow = flow(moving, 20, 5L);
        assertThat(flow.onTokenAnswer(400, error("authorization_pending"))).isInstanceOf(DeviceFlow.Step.Poll.class);
        clock.set(start.plusSeconds(16));
        assertThatThrownBy(() -> flow.onTokenAnswer(400, error("authorization_pending")))
                .hasMessageContaining("expired before the sign-in was approved");
    }

    @Test
    void anIncompleteDeviceAnswerIsRefused() {
        assertThatThrownBy(() -> new DeviceFlow(Json.object().put("device_code", "x"), Clock.systemUTC()))
                .isInstanceOf(CliException.class).hasMessageContaining("user_code");
    }
}
