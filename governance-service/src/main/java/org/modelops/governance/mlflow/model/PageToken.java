package org.modelops.governance.mlflow.model;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/** MLflow's opaque page token: {@code base64(json.dumps({"offset": N}))}, so tokens of either server read alike. */
public final class PageToken {

    private static final Pattern OFFSET = Pattern.compile("\\{\\s*\"offset\"\\s*:\\s*(\\d{1,9})\\s*}");

    private PageToken() {
    }

    public static String of(int offset) {
        return Base64.getEncoder().encodeToString(("{\"offset\": " + offset + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a token names; 0 for none. */
    public static int offset(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        String decoded;
        if (token.length() % 4 != 0) {
            throw MlflowError.invalid("Invalid page token, could not base64-decode");
        }
        try {
            decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw MlflowError.invalid("Invalid page token, could not base64-decode");
        }
        var matcher = OFFSET.matcher(decoded.strip());
        if (!matcher.matches()) {
            throw MlflowError.invalid("Invalid page token, decoded value does not name an offset");
        }
        return Integer.parseInt(matcher.group(1));
    }
}
