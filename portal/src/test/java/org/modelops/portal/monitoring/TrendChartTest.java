package org.modelops.portal.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.modelops.portal.governance.SignalSeries;

class TrendChartTest {

    private static final SignalSeries DRIFT = Signals.series("drift", "income", 0.1, 0.25, "above",
            new Double[]{0.05, 0.12, 0.31}, new String[]{"PASS", "WARN", "BREACH"}, false);

    @Test
    void theLevelsAreDrawnAsLabelledLinesAndTheBreachedWindowIsMarked() {
        var svg = TrendChart.svg("Drift income", DRIFT);

        assertThat(svg).startsWith("<svg").endsWith("</svg>");
        assertThat(count(svg, "class=\"warning-level\"")).isEqualTo(1);
        assertThat(count(svg, "class=\"breach-level\"")).isEqualTo(1);
        assertThat(svg).contains(">warning 0.100</text>").contains(">breach 0.250</text>");
        assertThat(count(svg, "class=\"breach-mark\"")).isEqualTo(1);
        assertThat(count(svg, "class=\"point\"")).isEqualTo(2);
        assertThat(svg).contains("<title>2026-03-03 00:00:00 UTC: 0.310 (breach)</title>");
        assertThat(svg).doesNotContain("class=\"interval\"");
    }

    @Test
    void aHigherValueIsDrawnHigherAndTheBreachLevelAboveTheWarningLevel() {
        var svg = TrendChart.svg("Drift income", DRIFT);

        var ys = Pattern.compile("<circle class=\"[a-z-]+\" cx=\"[0-9.]+\" cy=\"([0-9.]+)\"").matcher(svg).results()
                .map(m -> Double.parseDouble(m.group(1))).toList();
        assertThat(ys).hasSize(3);
        assertThat(ys.get(0)).isGreaterThan(ys.get(1)); // SVG y grows downwards
        assertThat(ys.get(1)).isGreaterThan(ys.get(2));
        assertThat(lineY(svg, "breach-level")).isLessThan(lineY(svg, "warning-level"));
        assertThat(ys.get(2)).as("0.31 is above the breach line").isLessThan(lineY(svg, "breach-level"));
    }

    @Test
    void anIntervalIsShadedAsABand() {
        var performance = Signals.series("performance", "recall", 0.75, 0.7, "below", new Double[]{0.8, 0.66},
                new String[]{"PASS", "BREACH"}, true);

        var svg = TrendChart.svg("Recall", performance);

        assertThat(count(svg, "class=\"interval\"")).isEqualTo(1);
        assertThat(TrendChart.describe(performance)).isEqualTo(
                "2 windows; the last 0.660 (breach); warning below 0.750; breach below 0.700; 1 window breached");
    }

    @Test
    void aWindowWithoutAValueBreaksTheLine() {
        var gappy = Signals.series("drift", "age", 0.1, 0.25, "above", new Double[]{0.05, null, 0.06},
                new String[]{"PASS", "INSUFFICIENT_DATA", "PASS"}, false);

        var svg = TrendChart.svg("Drift age", gappy);

        assertThat(count(svg, "<polyline")).isEqualTo(2);
        assertThat(count(svg, "<circle")).isEqualTo(2);
    }

    @Test
    void theWordsSayWhatThePictureShows() {
        assertThat(TrendChart.describe(DRIFT)).isEqualTo(
                "3 windows; the last 0.310 (breach); warning at 0.100; breach at 0.250; 1 window breached");
        assertThat(TrendChart.describe(new SignalSeries("drift", "x", "psi", null, null, "above", List.of())))
                .isEqualTo("no closed window with a value yet");
    }

    @Test
    void textIsEscaped() {
        assertThat(TrendChart.svg("a <b> & \"c\"", DRIFT)).contains("<title>a &lt;b&gt; &amp; &quot;c&quot;</title>");
    }

    private static long count(String text, String part) {
        return Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
    }

    private static double lineY(String svg, String css) {
        var m = Pattern.compile("<line class=\"" + css + "\" x1=\"[0-9.]+\" y1=\"([0-9.]+)\"").matcher(svg);
        assertThat(m.find()).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
