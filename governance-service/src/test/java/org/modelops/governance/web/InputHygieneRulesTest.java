package org.modelops.governance.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.Refusal;

/** The input rules as a plain function over a JSON tree: no service, no database. */
class InputHygieneRulesTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aCleanDocumentHasNoViolations() throws Exception {
        assertThat(InputHygiene.violations(json("""
                {"a": "tab\\tline\\ncr\\r", "b": [1, 2.5, -1e300, 0, 0.0, 9223372036854775807999],
                 "c": {"ünïcödé": "fast \\ud83d\\ude80"}, "d": true, "e": null}"""))).isEmpty();
    }

    @Test
    void everyControlCharacterOfTheC0RangeButTabLineFeedAndCarriageReturnIsNamedWithItsPath() throws Exception {
        for (int c = 0; c < 0x20; c++) {
            var found = InputHygiene.violations(json("{\"x\": [\"ok\", {\"y\": \"a%sb\"}]}".formatted(
                    String.format("\\u%04x", c))));
            if (c == '\t' || c == '\n' || c == '\r') {
                assertThat(found).isEmpty();
            } else {
                assertThat(found).singleElement().satisfies(violation -> {
                    assertThat(violation.field()).isEqualTo("x[1].y");
                    assertThat(violation.rule()).isEqualTo("control-character");
                    assertThat(violation.message()).contains("at character 2");
                });
            }
        }
    }

    @Test
    void aMemberNameIsCheckedAndShownEscaped() throws Exception {
        assertThat(InputHygiene.violations(json("{\"tags\": {\"a\\u0000b\": \"v\"}}")))
                .extracting(FieldViolation::field, FieldViolation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("tags.a\\u0000b", "control-character"));
    }

    @Test
    void unpairedSurrogatesAreRefusedWhereverTheyStand() throws Exception {
        for (var text : new String[]{"\\ud800", "x\\ud800y", "\\udc00", "\\ude80\\ud83d"}) {
            assertThat(InputHygiene.violations(json("{\"t\": \"" + text + "\"}"))).as(text)
                    .extracting(FieldViolation::rule).containsExactly("unpaired-surrogate");
        }
    }

    @Test
    void numbersADoubleCannotHoldAreRefused() throws Exception {
        for (var number : new String[]{"1e-400", "-1e-400", "1e400", "-1e400", "1e-310",
                "1" + "0".repeat(400)}) {
            assertThat(InputHygiene.violations(json("{\"n\": " + number + "}"))).as(number)
                    .extracting(FieldViolation::field, FieldViolation::rule)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("n", "double-range"));
        }
        for (var number : new String[]{"0", "0.0", "-0.0", "0e-400", "2.3e-308", "1.7e308", "1e-5"}) {
            assertThat(InputHygiene.violations(json("{\"n\": " + number + "}"))).as(number).isEmpty();
        }
    }

    @Test
    void aBodyIsUtf8OrRefusedWithTheOffsetOfTheFirstBadByte() {
        assertThat(JsonRequests.text("café \uD83D\uDE80".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("café \uD83D\uDE80");
        for (var bad : new byte[][]{{'a', (byte) 0xE9, 'b'}, {'a', (byte) 0xC3}, {'a', (byte) 0xED, (byte) 0xA0,
                (byte) 0x80}}) {
            assertThatThrownBy(() -> JsonRequests.text(bad)).isInstanceOfSatisfying(Refusal.class,
                    refusal -> assertThat(refusal.violations()).singleElement().satisfies(violation -> {
                        assertThat(violation.rule()).isEqualTo("encoding");
                        assertThat(violation.message()).contains("offset 1");
                    }));
        }
    }

    @Test
    void oneParameterIsCheckedAsText() {
        assertThat(InputHygiene.violations("q", "a\u0000")).extracting(FieldViolation::field)
                .containsExactly("q");
        assertThat(InputHygiene.violations("q", "plain")).isEmpty();
        assertThat(InputHygiene.visible("a\u0000\ud800b")).isEqualTo("a\\u0000\\ud800b");
    }
}
