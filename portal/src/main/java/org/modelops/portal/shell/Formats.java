package org.modelops.portal.shell;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How times and numbers read in the portal: UTC, to the second; metrics to three decimals. */
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private Formats() {
    }

    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** The first 8 hex digits of a SHA-256 and an ellipsis: enough to tell two apart on a screen. */
    public static String shortDigest(String sha256) {
        if (sha256 == null || sha256.isBlank()) {
            return "";
        }
        return sha256.length() <= 8 ? sha256 : sha256.substring(0, 8) + "…";
    }

    public static String metric(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.3f", value);
    }

    public static String delta(Double value) {
        if (value == null) {
            return "–";
        }
        var rounded = Math.round(value * 1000) / 1000.0;
        return (rounded > 0 ? "+" : rounded < 0 ? "−" : "±") + String.format(Locale.ROOT, "%.3f", Math.abs(rounded));
    }
}
