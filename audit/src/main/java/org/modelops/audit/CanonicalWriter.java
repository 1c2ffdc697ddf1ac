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
 * maps or serialising and re-parsing them, as UTF-8 straight into one reused byte buffer (no string building, no
 * re-encoding before the hash), and hashed with one reused digest. Numbers that are not already in their ECMAScript
 * form still go through the JCS library's formatting. Not thread-safe: one instance per thread.
 *
 * <p>{@link CanonicalForm} stays the reference (appends use it); {@code CanonicalWriterTest} checks that both agree.
 */
public final class CanonicalWriter {

    private static final JsonFactory JSON = new JsonFactory();
    private static final HexFormat HEX = HexFormat.of();
    private static final long MAX_EXACT_INTEGER = 1L << 53;

    /** The canonical form being written, UTF-8: {@code out[0..length)}. */
    private byte[] out = new byte[4096];
    private int length;
    private byte[] scratch = new byte[4096];
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
        return new String(out, 0, length, StandardCharsets.UTF_8);
    }

    /** The lower-case hex SHA-256 of the stored event's canonical form. */
    public String hash(StoredEvent event) {
        write(event);
        sha256.update(out, 0, length);
        return HEX.formatHex(sha256.digest());
    }

    /** Whether the stored event hashes to its stored {@code hash}. */
    public boolean hashMatches(StoredEvent event) {
        return hash(event).equals(event.hash());
    }

    /** The RFC 8785 canonical form of a JSON text (members sorted, numbers and strings as JCS writes them). */
    public String canonicalJson(String json) {
        length = 0;
        try (JsonParser parser = JSON.createParser(json)) {
            var token = parser.nextToken();
            if (token == null) {
                throw new IllegalArgumentException("not JSON: an empty text");
            }
            value(parser, token);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("not one JSON value: " + json);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
        return new String(out, 0, length, StandardCharsets.UTF_8);
    }

    /** The lower-case hex SHA-256 of the text's UTF-8 bytes. */
    public String sha256Hex(CharSequence text) {
        return HEX.formatHex(sha256.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private void write(StoredEvent event) {
        length = 0;
        ascii("{\"action\":");
        string(event.action());
        ascii(",\"actor\":{\"roles\":[");
        var roles = event.actorRoles().clone();
        Arrays.sort(roles);
        for (int i = 0; i < roles.length; i++) {
            if (i > 0) {
                put(',');
            }
            string(roles[i]);
        }
        ascii("],\"subject\":");
        string(event.actorSubject());
        ascii(",\"username\":");
        string(event.actorUsername());
        ascii("},\"correlation\":");
        if (event.correlation() == null) {
            ascii("null");
        } else {
            string(event.correlation());
        }
        ascii(",\"details\":");
        details(event.detailsJson());
        ascii(",\"occurredAt\":\"");
        time(event.occurredAtMicros());
        ascii("\",\"previousHash\":");
        string(event.previousHash());
        ascii(",\"sequence\":");
        integer(event.sequence());
        ascii(",\"subject\":{\"id\":");
        string(event.subjectId());
        ascii(",\"type\":");
        string(event.subjectType());
        ascii("}}");
    }

    private void details(String json) {
        if (json == null) {
            ascii("{}");
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
                put('[');
                boolean first = true;
                for (var next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    if (!first) {
                        put(',');
                    }
                    first = false;
                    value(parser, next);
                }
                put(']');
            }
            case VALUE_STRING -> string(parser.getText());
            case VALUE_NUMBER_INT -> integerText(parser.getText());
            case VALUE_NUMBER_FLOAT -> decimalText(parser.getText());
            case VALUE_TRUE -> ascii("true");
            case VALUE_FALSE -> ascii("false");
            case VALUE_NULL -> ascii("null");
            default -> throw new IllegalArgumentException("unexpected JSON token " + token);
        }
    }

    /**
     * Writes the members as they come; when their keys are not in order (UTF-16 code units, as JCS sorts), reorders
     * the written members.
     */
    private void object(JsonParser parser) throws IOException {
        int start = length;
        put('{');
        List<Member> members = new ArrayList<>();
        boolean sorted = true;
        for (var next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
            var key = parser.currentName();
            if (!members.isEmpty()) {
                put(',');
                sorted &= members.get(members.size() - 1).key.compareTo(key) < 0;
            }
            int from = length;
            string(key);
            put(':');
            value(parser, parser.nextToken());
            members.add(new Member(key, from - start, length - start));
        }
        if (!sorted) {
            int written = length - start;
            if (scratch.length < written) {
                scratch = new byte[Math.max(written, scratch.length * 2)];
            }
            System.arraycopy(out, start, scratch, 0, written);
            length = start + 1;
            members.sort((a, b) -> a.key.compareTo(b.key));
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    put(',');
                }
                var member = members.get(i);
                bytes(scratch, member.from, member.to - member.from);
            }
        }
        put('}');
    }

    private record Member(String key, int from, int to) {
    }

    /** An integer as JCS writes it: the ECMAScript form of the nearest double. */
    private void integerText(String text) throws IOException {
        int digits = text.length() - (text.charAt(0) == '-' ? 1 : 0);
        if (digits <= 15) {
            // Exactly representable as a double: ECMAScript writes the digits, and -0 as 0.
            ascii("-0".equals(text) ? "0" : text);
        } else {
            ascii(NumberToJSON.serializeNumber(Double.parseDouble(text)));
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
            ascii(text);
        } else {
            ascii(NumberToJSON.serializeNumber(Double.parseDouble(text)));
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
            decimal(value);
        } else {
            try {
                ascii(NumberToJSON.serializeNumber((double) value));
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
            ascii(formatted.substring(0, formatted.length() - 1));
            return;
        }
        digits(time.getYear(), 4);
        put('-');
        digits(time.getMonthValue(), 2);
        put('-');
        digits(time.getDayOfMonth(), 2);
        put('T');
        digits(time.getHour(), 2);
        put(':');
        digits(time.getMinute(), 2);
        put(':');
        digits(time.getSecond(), 2);
        put('.');
        digits(fraction, 6);
        put('Z');
    }

    private void digits(int value, int width) {
        ensure(width);
        for (int i = width - 1; i >= 0; i--) {
            out[length + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += width;
    }

    /** A long in decimal, without a string in between. */
    private void decimal(long value) {
        if (value < 0) {
            put('-');
            value = -value;
        }
        int width = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            width++;
        }
        ensure(width);
        for (int i = width - 1; i >= 0; i--) {
            out[length + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += width;
    }

    /** A JSON string with RFC 8785's minimal escaping (the JCS library's rules), in UTF-8. */
    private void string(String value) {
        int count = value.length();
        int i = 0;
        while (i < count) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                break;
            }
            i++;
        }
        put('"');
        if (i == count) {
            ascii(value);
            put('"');
            return;
        }
        ascii(value, 0, i);
        for (; i < count; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                put(c);
                continue;
            }
            switch (c) {
                case '"' -> ascii("\\\"");
                case '\\' -> ascii("\\\\");
                case '\b' -> ascii("\\b");
                case '\f' -> ascii("\\f");
                case '\n' -> ascii("\\n");
                case '\r' -> ascii("\\r");
                case '\t' -> ascii("\\t");
                default -> {
                    if (c < 0x20) {
                        ascii("\\u00");
                        put(Character.forDigit(c >> 4, 16));
                        put(Character.forDigit(c & 0xf, 16));
                    } else if (c < 0x800) {
                        ensure(2);
                        out[length++] = (byte) (0xc0 | c >> 6);
                        out[length++] = (byte) (0x80 | c & 0x3f);
                    } else if (Character.isHighSurrogate(c) && i + 1 < count
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        int code = Character.toCodePoint(c, value.charAt(++i));
                        ensure(4);
                        out[length++] = (byte) (0xf0 | code >> 18);
                        out[length++] = (byte) (0x80 | code >> 12 & 0x3f);
                        out[length++] = (byte) (0x80 | code >> 6 & 0x3f);
                        out[length++] = (byte) (0x80 | code & 0x3f);
                    } else if (Character.isSurrogate(c)) {
                        // A lone surrogate: String.getBytes(UTF_8), which the reference hashes, writes '?'.
                        put('?');
                    } else {
                        ensure(3);
                        out[length++] = (byte) (0xe0 | c >> 12);
                        out[length++] = (byte) (0x80 | c >> 6 & 0x3f);
                        out[length++] = (byte) (0x80 | c & 0x3f);
                    }
                }
            }
        }
        put('"');
    }

    private void put(char c) {
        ensure(1);
        out[length++] = (byte) c;
    }

    /** Text known to be ASCII (literals, numbers), one byte per char. */
    private void ascii(String text) {
        ascii(text, 0, text.length());
    }

    @SuppressWarnings("deprecation") // the one String copy that writes Latin-1 chars as bytes without a new array
    private void ascii(String text, int from, int to) {
        ensure(to - from);
        text.getBytes(from, to, out, length);
        length += to - from;
    }

    private void bytes(byte[] source, int from, int count) {
        ensure(count);
        System.arraycopy(source, from, out, length, count);
        length += count;
    }

    private void ensure(int more) {
        if (length + more > out.length) {
            out = Arrays.copyOf(out, Math.max(length + more, out.length * 2));
        }
    }
}
