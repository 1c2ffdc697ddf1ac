package org.modelops.portal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void timeIsUtcToTheSecond() {
        assertThat(Formats.time(Instant.parse("2026-03-02T23:05:07.987+02:00"))).isEqualTo("2026-03-02 21:05:07 UTC");
        assertThat(Formats.time(null)).isEmpty();
    }

    @Test
    void metricHasThreeDecimalsRounded() {
        assertThat(Formats.metric(0.91234)).isEqualTo("0.912");
        assertThat(Formats.metric(0.9996)).isEqualTo("1.000");
        assertThat(Formats.metric(1.0)).isEqualTo("1.000");
        assertThat(Formats.metric(null)).isEqualTo("–");
    }

    @Test
    void deltaIsSignedWithATrueMinusAndPlusMinusForNoChange() {
        assertThat(Formats.delta(0.0234)).isEqualTo("+0.023");
        assertThat(Formats.delta(-0.0234)).isEqualTo("−0.023");
        assertThat(Formats.delta(0.0005)).isEqualTo("+0.001");
        assertThat(Formats.delta(0.0004)).isEqualTo("±0.000");
        assertThat(Formats.delta(-0.0004)).isEqualTo("±0.000");
        assertThat(Formats.delta(0.0)).isEqualTo("±0.000");
        assertThat(Formats.delta(null)).isEqualTo("–");
    }

    @Test
    void numbersUseADecimalPointWhateverTheServersLocale() {
        var before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Formats.metric(0.5)).isEqualTo("0.500");
            assertThat(Formats.delta(-0.25)).isEqualTo("−0.250");
            assertThat(Formats.time(Instant.parse("2026-12-31T00:00:00Z"))).isEqualTo("2026-12-31 00:00:00 UTC");
        } finally {
            Locale.setDefault(before);
        }
    }
}
