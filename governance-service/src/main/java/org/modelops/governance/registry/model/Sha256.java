package org.modelops.governance.registry.model;

import java.util.Locale;
import java.util.regex.Pattern;

/** A SHA-256 digest as 64 hexadecimal characters, kept in lower case. */
public record Sha256(String hex) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public Sha256 {
        hex = hex == null ? null : hex.toLowerCase(Locale.ROOT);
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("a SHA-256 digest is 64 hexadecimal characters: " + hex);
        }
    }

    @Override
    public String toString() {
        return hex;
    }
}
