package org.modelops.cli.login;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.modelops.cli.CliException;
import org.modelops.cli.ExitCode;
import org.modelops.cli.http.Json;

/**
 * The OAuth 2.0 device authorization grant (RFC 8628) as a state machine, free of HTTP: the device authorization
 * answer starts it; each answer of the token endpoint moves it on ({@link #onTokenAnswer}). It keeps polling while
 * the person has not yet approved ({@code authorization_pending}), polls 5 s slower when told ({@code slow_down}),
 * and ends on a token, a denial, the code's expiry, or any other error.
 */
public final class DeviceFlow {

    /** What the person is shown: where to go and which code to enter. */
    public record Authorization(String deviceCode, String userCode, String verificationUri,
            String verificationUriComplete, Instant expiresAt) {
    }

    /** The next step: wait {@code interval} and poll again, or done with the token answer. */
    public sealed interface Step {
        record Poll(Duration interval) implements Step {
        }

        record Done(JsonNode tokenAnswer) implements Step {
        }
    }

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    static final Duration SLOW_DOWN = Duration.ofSeconds(5);

    private final Authorization authorization;
    private final Clock clock;
    private Duration interval;

    public DeviceFlow(JsonNode deviceAnswer, Clock clock) {
        var deviceCode = Json.text(deviceAnswer, "device_code");
        var userCode = Json.text(deviceAnswer, "user_code");
        var uri = Json.text(deviceAnswer, "verification_uri");
        if (deviceCode == null || userCode == null || uri == null) {
            throw CliException.authentication("the identity provider's device authorization answer lacks"
                    + " device_code, user_code or verification_uri");
        }
        this.clock = clock;
        this.authorization = new Authorization(deviceCode, userCode, uri,
                Json.text(deviceAnswer, "verification_uri_complete"),
                clock.instant().plusSeconds(deviceAnswer.path("expires_in").asLong(600)));
        var seconds = deviceAnswer.path("interval").asLong(0);
        this.interval = seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_INTERVAL;
    }

    public Authorization authorization() {
        return authorization;
    }

    public Duration interval() {
        return interval;
    }

    /** The first step: wait one interval before the first poll. */
    public Step start() {
        return new Step.Poll(interval);
    }

    /** The token endpoint answered {@code status} with {@code body}. */
    public Step onTokenAnswer(int status, JsonNode body) {
        if (status >= 200 && status < 300 && Json.text(body, "access_token") != null) {
            return new Step.Done(body);
        }
        var error = Json.text(body, "error");
        if (status >= 500) {
            throw new CliException(ExitCode.UNAVAILABLE, "the identity provider answered HTTP " + status
                    + " while waiting for the sign-in");
        }
        if ("authorization_pending".equals(error) || "slow_down".equals(error)) {
            if ("slow_down".equals(error)) {
                interval = interval.plus(SLOW_DOWN);
            }
            if (!clock.instant().plus(interval).isBefore(authorization.expiresAt())) {
                throw CliException.authentication("the code " + authorization.userCode()
                        + " expired before the sign-in was approved; run modelops login again");
            }
            return new Step.Poll(interval);
        }
        if ("access_denied".equals(error)) {
            throw CliException.authentication("the sign-in was denied");
        }
        if ("expired_token".equals(error)) {
            throw CliException.authentication("the code " + authorization.userCode()
                    + " expired before the sign-in was approved; run modelops login again");
        }
        var description = Json.text(body, "error_description");
        throw CliException.authentication("the identity provider refused the device login: "
                + (error == null ? "HTTP " + status : error) + (description == null ? "" : " (" + description + ")"));
    }
}
