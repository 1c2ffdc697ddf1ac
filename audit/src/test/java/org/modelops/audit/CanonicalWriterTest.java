package org.modelops.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast canonical form must be the reference one ({@link CanonicalForm}, over the details as they are decoded
 * from PostgreSQL's jsonb text) for every event, or verification would call intact chains broken or the reverse.
 */
class CanonicalWriterTest {

    private final CanonicalWriter writer = new CanonicalWriter();

    @Test
    void theDocumentedExampleHashesAlike() {
        var stored = new StoredEvent(1, micros(Instant.parse("2026-11-23T10:00:00Z")), "s-1", "erin",
                new String[]{"ml-engineer"}, "model.registered", "model", "credit-risk",
                "{\"riskTier\": \"HIGH\", \"auc\": 0.5}", null, AuditEvent.GENESIS_HASH, null);
        assertThat(writer.canonical(stored)).isEqualTo("{\"action\":\"model.registered\",\"actor\":{\"roles\":"
                + "[\"ml-engineer\"],\"subject\":\"s-1\",\"username\":\"erin\"},\"correlation\":null,\"details\":"
                + "{\"auc\":0.5,\"riskTier\":\"HIGH\"},\"occurredAt\":\"2026-11-23T10:00:00.000000Z\",\"previousHash\":"
                + "\"" + AuditEvent.GENESIS_HASH + "\",\"sequence\":1,\"subject\":{\"id\":\"credit-risk\",\"type\":"
                + "\"model\"}}");
    }

    @Test
    void numbersTakeTheirEcmaScriptForm() {
        for (var number : List.of("0", "-0", "1", "-17", "0.5", "1.0", "-0.0", "1e-7", "0.0000001", "1E21",
                "123456789012345678901234567890", "9007199254740993", "999999999999999", "1000000000000000",
                "5e-324", "1.7976931348623157e308", "0.1000000000000000055511151231257827", "100.250")) {
            var json = "{\"n\": " + number + ", \"list\": [" + number + ", {\"m\": " + number + "}]}";
            assertAgrees(event(json, List.of("a"), "x", null));
        }
    }

    @Test
    void shortDecimalsAreWrittenAsTheyAreAndOthersThroughTheLibrary() {
        var random = new Random(7);
        var numbers = new ArrayList<>(List.of("0.76", "-0.5", "0.000001", "0.0000012", "0.0000001", "123456789012.345",
                "1234567890123.456", "0.100", "10.0", "-0.0", "0.30000000000000004", "1e5", "1.5E-3",
                "999999999999999.9", "0.123456789012345", "0.1234567890123456"));
        for (int i = 0; i < 2000; i++) {
            var digits = Long.toString(Math.abs(random.nextLong()) % (long) Math.pow(10, 1 + random.nextInt(17)));
            int point = random.nextInt(digits.length() + 1);
            var text = (point == 0 ? "0" : digits.substring(0, point)) + "." + "0".repeat(random.nextInt(8))
                    + digits.substring(point) + (random.nextBoolean() ? "1" : "");
            numbers.add(random.nextBoolean() ? "-" + text : text);
        }
        for (var number : numbers) {
            if (number.endsWith(".")) {
                continue;
            }
            assertAgrees(event("{\"n\": " + number + "}", List.of(), "x", null));
        }
        assertThat(CanonicalWriter.isShortestPlainDecimal("0.76")).isTrue();
        assertThat(CanonicalWriter.isShortestPlainDecimal("0.0000001")).isFalse();
        assertThat(CanonicalWriter.isShortestPlainDecimal("0.100")).isFalse();
    }

    @Test
    void stringsAndKeysAreEscapedAndSortedAsJcsDoes() {
        var json = "{\"z\": \"quote \\\" backslash \\\\ slash / tab \\t nl \\n cr \\r bs \\b ff \\f nul \\u0000"
                + " us \\u001f del \\u007f é \\u00e9 € 😀 \\ud83d\\ude00\", \"\\ue000\": 1, \"😀\": 2, \"a\": null,"
                + " \"A\": true, \"é\": false, \"aa\": [], \"b\": {}, \"\": \"empty key\", \"a\\u0000\": 3}";
        assertAgrees(event(json, List.of("zeta", "alpha", "Émile", "beta"), "sub\"ject\\id\n", "corr\u0001"));
    }

    @Test
    void timesHaveSixFractionDigitsInUtc() {
        for (var time : List.of("1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999Z", "2026-02-28T23:59:59.000001Z",
                "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z", "2024-02-29T12:34:56.7Z")) {
            var instant = Instant.parse(time);
            var stored = new StoredEvent(42, micros(instant), "s", "u", new String[0], "a", "t", "i", "{}", null,
                    AuditEvent.GENESIS_HASH, null);
            assertThat(writer.hash(stored)).isEqualTo(referenceHash(reference(stored)));
        }
    }

    @Test
    void randomEventsHashAlike() {
        var random = new Random(20261201);
        for (int i = 0; i < 3000; i++) {
            var details = randomObject(random, 0);
            var roles = new ArrayList<String>();
            for (int r = random.nextInt(4); r > 0; r--) {
                roles.add(randomString(random));
            }
            var json = jsonbText(details, random);
            assertAgrees(event(json, roles, randomString(random), random.nextBoolean() ? null : randomString(random)));
        }
    }

    private void assertAgrees(StoredEvent stored) {
        var expected = CanonicalForm.referenceOf(reference(stored));
        assertThat(writer.canonical(stored)).isEqualTo(expected);
        assertThat(CanonicalForm.of(reference(stored))).as("appends").isEqualTo(expected);
        assertThat(writer.hash(stored)).isEqualTo(referenceHash(reference(stored)));
        assertThat(CanonicalForm.hash(reference(stored))).isEqualTo(referenceHash(reference(stored)));
    }

    private String referenceHash(AuditEvent event) {
        return writer.sha256Hex(CanonicalForm.referenceOf(event));
    }

    @Test
    void anyValueIsCanonicalisedAsTheJcsLibraryDoes() {
        var random = new Random(20261202);
        for (int i = 0; i < 3000; i++) {
            var list = new ArrayList<Object>();
            list.add(randomValue(random, 1));
            Object value = random.nextInt(10) == 0 ? list : randomObject(random, 0);
            assertThat(CanonicalForm.canonical(value)).isEqualTo(CanonicalForm.reference(value));
        }
        var mixed = new java.util.LinkedHashMap<String, Object>();
        mixed.put("z", new java.math.BigDecimal("1.50"));
        assertThat(CanonicalForm.canonical(mixed)).isEqualTo(CanonicalForm.reference(mixed));
        assertThatThrownBy(() -> writer.canonicalJson("{} {}")).isInstanceOf(IllegalArgumentException.class);
    }

    /** What verification decoded before: the stored row as an AuditEvent, details parsed by Jackson. */
    private static AuditEvent reference(StoredEvent stored) {
        var instant = Instant.EPOCH.plus(stored.occurredAtMicros(), ChronoUnit.MICROS);
        return new AuditEvent(stored.sequence(), instant,
                new AuditActor(stored.actorSubject(), stored.actorUsername(), List.of(stored.actorRoles())),
                stored.action(), new AuditSubject(stored.subjectType(), stored.subjectId()),
                CanonicalForm.parseObject(stored.detailsJson()), stored.correlation(), stored.previousHash(),
                stored.hash());
    }

    private static StoredEvent event(String detailsJson, List<String> roles, String subjectId, String correlation) {
        return new StoredEvent(123_456_789, micros(Instant.parse("2026-12-01T10:11:12.345678Z")), "sub-ä",
                "user \"x\"", roles.toArray(String[]::new), "version.submitted", "model-version", subjectId,
                detailsJson, correlation, "ab".repeat(32), null);
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static Map<String, Object> randomObject(Random random, int depth) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = random.nextInt(depth == 0 ? 12 : 5); i >= 0; i--) {
            map.put(randomString(random), randomValue(random, depth + 1));
        }
        return map;
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 6 : 8);
        return switch (kind) {
            case 0 -> randomString(random);
            case 1 -> random.nextLong() >> random.nextInt(64);
            case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(60) - 30) * (random.nextBoolean() ? 1 : -1);
            case 3 -> random.nextBoolean();
            case 4 -> null;
            case 5 -> (double) random.nextInt(1000);
            case 6 -> {
                var list = new ArrayList<Object>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
            default -> randomObject(random, depth);
        };
    }

    private static final String ALPHABET = "abcAB_-/ é€\"\\\n\t\u0001\u001f\u007f\u00ff\ue000\uffff";

    private static String randomString(Random random) {
        var text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            if (random.nextInt(20) == 0) {
                text.appendCodePoint(0x1F600 + random.nextInt(50));
            } else {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return text.toString();
    }

    /** JSON as PostgreSQL's jsonb prints it: members in another order, spaces after separators. */
    private static String jsonbText(Object value, Random random) {
        if (value instanceof Map<?, ?> map) {
            var keys = new ArrayList<Object>(map.keySet());
            java.util.Collections.shuffle(keys, random);
            var text = new StringBuilder("{");
            for (var key : keys) {
                if (text.length() > 1) {
                    text.append(", ");
                }
                text.append(CanonicalForm.toJson(key)).append(": ").append(jsonbText(map.get(key), random));
            }
            return text.append('}').toString();
        }
        if (value instanceof List<?> list) {
            var text = new StringBuilder("[");
            for (var item : list) {
                if (text.length() > 1) {
                    text.append(", ");
                }
                text.append(jsonbText(item, random));
            }
            return text.append(']').toString();
        }
        return CanonicalForm.toJson(value);
    }
}
