package org.modelops.governance.events.model;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing: the secret is {@code whsec_} followed by base64 of random bytes; a request carries
 * {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature: v1,<base64 of
 * HMAC-SHA256 over "id.timestamp.body" keyed with the secret's bytes>} (several space-separated while a rotated
 * secret is still honoured).
 */
public final class WebhookSignature {

    public static final String SECRET_PREFIX = "whsec_";
    static final int SECRET_BYTES = 32;

    private WebhookSignature() {
    }

    public static String newSecret(SecureRandom random) {
        var bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    public static String sign(String secret, String id, long timestamp, byte[] body) {
        var key = Base64.getDecoder().decode(secret.startsWith(SECRET_PREFIX)
                ? secret.substring(SECRET_PREFIX.length())
                : secret);
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
