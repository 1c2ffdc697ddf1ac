package org.modelops.portal.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.style.Styler;

import com.vaadin.flow.component.Svg;
import com.vaadin.flow.component.html.Div;

/**
 * Bar charts drawn on the server as SVG with XChart (Apache 2.0): no browser add-on, no licence key, crisp at any
 * width. Each chart carries a text label for screen readers; the numbers are always also in a table beside it.
 */
public final class Charts {

    private Charts() {
    }

    /** One group of bars per metric, one series per named contender (for example challenger and champion). */
    public static Div groupedBars(String title, List<String> categories, Map<String, Map<String, Double>> series) {
        var chart = new CategoryChartBuilder().width(640).height(300).title(title).yAxisTitle("value").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setYAxisMin(0.0);
        var allProportions = series.values()
                .stream()
                .flatMap(values -> values.values().stream())
                .allMatch(value -> value >= 0.0 && value <= 1.0);
        if (allProportions) {
            chart.getStyler().setYAxisMax(1.0); // scores such as auc or recall: the whole scale, so gaps look true
        }
        chart.getStyler().setToolTipsEnabled(false);
        series.forEach((name, values) -> {
            var ys = new ArrayList<Double>();
            for (var category : categories) {
                ys.add(values.getOrDefault(category, 0.0));
            }
            chart.addSeries(name, categories, ys);
        });
        var wrapper = new Div(new Svg(svg(chart)));
        wrapper.addClassName("chart");
        wrapper.getElement().setAttribute("role", "img");
        wrapper.getElement().setAttribute("aria-label", title + ": " + describe(categories, series));
        return wrapper;
    }

    static String describe(List<String> categories, Map<String, Map<String, Double>> series) {
        var text = new StringBuilder();
        series.forEach((name, values) -> {
            text.append(name).append(' ');
            categories.forEach(c -> text.append(c).append(' ').append(Formats.metric(values.get(c))).append(", "));
        });
        return text.toString().replaceAll(", $", "");
    }

    private static String svg(CategoryChart chart) {
        var out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var svg = out.toString(StandardCharsets.UTF_8);
        var start = svg.indexOf("<svg");
        return start < 0 ? svg : svg.substring(start);
    }
}
