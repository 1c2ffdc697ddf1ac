package org.modelops.governance.events.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void signsTheStandardWebhooksPublishedTestVector() {
        // The Standard Webhooks reference libraries' signing vector.
        var signature = WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aSecretWithoutItsPrefixSignsTheSame() {
        var body = "{}".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSignature.sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "1", 2, body))
                .isEqualTo(WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "1", 2, body));
    }

    @Test
    void anotherIdTimestampOrBodyGivesAnotherSignature() {
        var secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        var body = "{}".getBytes(StandardCharsets.UTF_8);
        var signature = WebhookSignature.sign(secret, "1", 2, body);

        assertThat(WebhookSignature.sign(secret, "2", 2, body)).isNotEqualTo(signature);
        assertThat(WebhookSignature.sign(secret, "1", 3, body)).isNotEqualTo(signature);
        assertThat(WebhookSignature.sign(secret, "1", 2, "{ }".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(signature);
    }

    @Test
    void aNewSecretIsWhsecAndThirtyTwoRandomBytesInBase64() {
        var random = new SecureRandom();
        var secret = WebhookSignature.newSecret(random);

        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(WebhookSignature.newSecret(random)).isNotEqualTo(secret);
    }
}
