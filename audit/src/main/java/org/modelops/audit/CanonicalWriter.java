package org.modelops.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.erdtman.jcs.NumberToJSON;

/**
 * The same canonical form and hash as {@link CanonicalForm} (docs/audit.md), written straight from the stored columns
 * in one pass: the {@code details} JSON is read token by token and written with its members sorted, without building
 * maps or serialising and re-parsing them, into one reused buffer, and hashed with one reused digest. Numbers still go
 * through the JCS library's ECMAScript formatting. Not thread-safe: one instance per thread.
 *
 * <p>{@link CanonicalForm} stays the reference (appends use it); {@code CanonicalWriterTest} checks that both agree.
 */
public final class CanonicalWriter {

    private static final JsonFactory JSON = new JsonFactory();
    private static final HexFormat HEX = HexFormat.of();
    private static final long MAX_EXACT_INTEGER = 1L << 53;

    private final StringBuilder out = new StringBuilder(2048);
    private char[] scratch = new char[2048];
    private final MessageDigest sha256;

    public CanonicalWriter() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    /** The canonical form of a stored event. */
    public String canonical(StoredEvent event) {
        write(event);
        return out.toString();
    }

    /** The lower-case hex SHA-256 of the stored event's canonical form. */
    public String hash(StoredEvent event) {
        write(event);
        return sha256Hex(out);
    }

    /** Whether the stored event hashes to its stored {@code hash}. */
    public boolean hashMatches(StoredEvent event) {
        return hash(event).equals(event.hash());
    }

    /** The lower-case hex SHA-256 of the text's UTF-8 bytes. */
    public String sha256Hex(CharSequence text) {
        return HEX.formatHex(sha256.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private void write(StoredEvent event) {
        out.setLength(0);
        out.append("{\"action\":");
        string(event.action());
        out.append(",\"actor\":{\"roles\":[");
        var roles = event.actorRoles().clone();
        Arrays.sort(roles);
        for (int i = 0; i < roles.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            string(roles[i]);
        }
        out.append("],\"subject\":");
        string(event.actorSubject());
        out.append(",\"username\":");
        string(event.actorUsername());
        out.append("},\"correlation\":");
        if (event.correlation() == null) {
            out.append("null");
        } else {
            string(event.correlation());
        }
        out.append(",\"details\":");
        details(event.detailsJson());
        out.append(",\"occurredAt\":\"");
        time(event.occurredAtMicros());
        out.append("\",\"previousHash\":");
        string(event.previousHash());
        out.append(",\"sequence\":");
        integer(event.sequence());
        out.append(",\"subject\":{\"id\":");
        string(event.subjectId());
        out.append(",\"type\":");
        string(event.subjectType());
        out.append("}}");
    }

    private void details(String json) {
        if (json == null) {
            out.append("{}");
            return;
        }
        try (JsonParser parser = JSON.createParser(json)) {
            var token = parser.nextToken();
            if (token == null) {
                throw new IllegalArgumentException("stored audit details are empty");
            }
            value(parser, token);
        } catch (IOException e) {
            throw new IllegalArgumentException("stored audit details are not JSON", e);
        }
    }

    private void value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> {
                out.append('[');
                boolean first = true;
                for (var next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    value(parser, next);
                }
                out.append(']');
            }
            case VALUE_STRING -> string(parser.getText());
            case VALUE_NUMBER_INT -> integerText(parser.getText());
            case VALUE_NUMBER_FLOAT -> decimalText(parser.getText());
            case VALUE_TRUE -> out.append("true");
            case VALUE_FALSE -> out.append("false");
            case VALUE_NULL -> out.append("null");
            default -> throw new IllegalArgumentException("unexpected JSON token " + token);
        }
    }

    /**
     * Writes the members as they come; when their keys are not in order (UTF-16 code units, as JCS sorts), reorders
     * the written members.
     */
    private void object(JsonParser parser) throws IOException {
        int start = out.length();
        out.append('{');
        List<Member> members = new ArrayList<>();
        boolean sorted = true;
        for (var next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
            var key = parser.currentName();
            if (!members.isEmpty()) {
                out.append(',');
                sorted &= members.get(members.size() - 1).key.compareTo(key) < 0;
            }
            int from = out.length();
            string(key);
            out.append(':');
            value(parser, parser.nextToken());
            members.add(new Member(key, from - start, out.length() - start));
        }
        if (!sorted) {
            int length = out.length() - start;
            if (scratch.length < length) {
                scratch = new char[Math.max(length, scratch.length * 2)];
            }
            out.getChars(start, out.length(), scratch, 0);
            out.setLength(start + 1);
            members.sort((a, b) -> a.key.compareTo(b.key));
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                var member = members.get(i);
                out.append(scratch, member.from, member.to - member.from);
            }
        }
        out.append('}');
    }

    private record Member(String key, int from, int to) {
    }

    /** An integer as JCS writes it: the ECMAScript form of the nearest double. */
    private void integerText(String text) throws IOException {
        int digits = text.length() - (text.charAt(0) == '-' ? 1 : 0);
        if (digits <= 15) {
            // Exactly representable as a double: ECMAScript writes the digits, and -0 as 0.
            out.append("-0".equals(text) ? "0" : text);
        } else {
            out.append(NumberToJSON.serializeNumber(Double.parseDouble(text)));
        }
    }

    /**
     * A number with a fraction as JCS writes it. A plain decimal ({@code 0.76}) with at most 15 significant digits, no
     * trailing zero and at most five zeros after the point is already its ECMAScript form: no shorter decimal reads as
     * the same double, and ECMAScript writes such magnitudes (1e-6 to 1e15) without an exponent. Everything else goes
     * through the JCS library.
     */
    private void decimalText(String text) throws IOException {
        if (isShortestPlainDecimal(text)) {
            out.append(text);
        } else {
            out.append(NumberToJSON.serializeNumber(Double.parseDouble(text)));
        }
    }

    static boolean isShortestPlainDecimal(String text) {
        int length = text.length();
        int i = text.charAt(0) == '-' ? 1 : 0;
        int point = -1;
        int significant = 0;
        boolean leading = true;
        int zerosAfterPoint = 0;
        if (i + 1 < length && text.charAt(i) == '0' && text.charAt(i + 1) != '.') {
            return false;
        }
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (point >= 0) {
                    return false;
                }
                point = i;
            } else if (c >= '0' && c <= '9') {
                if (leading && c == '0') {
                    if (point >= 0) {
                        zerosAfterPoint++;
                    }
                } else {
                    leading = false;
                    significant++;
                }
            } else {
                return false;
            }
        }
        return point > 0 && point < length - 1 && text.charAt(length - 1) != '0' && !leading && significant <= 15
                && zerosAfterPoint <= 5;
    }

    private void integer(long value) {
        if (Math.abs(value) < MAX_EXACT_INTEGER) {
            out.append(value);
        } else {
            try {
                out.append(NumberToJSON.serializeNumber((double) value));
            } catch (IOException e) {
                throw new IllegalArgumentException("not representable as canonical JSON: " + value, e);
            }
        }
    }

    /** {@code YYYY-MM-DDThh:mm:ss.ffffff} (UTC), as {@link CanonicalForm#formatTime}. */
    private void time(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int fraction = (int) Math.floorMod(micros, 1_000_000L);
        var time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        if (time.getYear() < 0 || time.getYear() > 9999) {
            var formatted = CanonicalForm.formatTime(Instant.ofEpochSecond(seconds, fraction * 1000L));
            out.append(formatted, 0, formatted.length() - 1);
            return;
        }
        digits(time.getYear(), 4);
        out.append('-');
        digits(time.getMonthValue(), 2);
        out.append('-');
        digits(time.getDayOfMonth(), 2);
        out.append('T');
        digits(time.getHour(), 2);
        out.append(':');
        digits(time.getMinute(), 2);
        out.append(':');
        digits(time.getSecond(), 2);
        out.append('.');
        digits(fraction, 6);
        out.append('Z');
    }

    private void digits(int value, int width) {
        for (int divisor = (int) Math.pow(10, width - 1); divisor > 0; divisor /= 10) {
            out.append((char) ('0' + value / divisor % 10));
        }
    }

    /** A JSON string with RFC 8785's minimal escaping (the JCS library's rules). */
    private void string(String value) {
        out.append('"');
        int length = value.length();
        int plain = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(value, plain, i);
            plain = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    out.append("\\u00");
                    out.append(Character.forDigit(c >> 4, 16));
                    out.append(Character.forDigit(c & 0xf, 16));
                }
            }
        }
        if (plain == 0) {
            out.append(value);
        } else {
            out.append(value, plain, length);
        }
        out.append('"');
    }
}
