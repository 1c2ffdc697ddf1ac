package org.modelops.portal.monitoring;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

import org.modelops.portal.governance.SignalSeries;
import org.modelops.portal.shell.Formats;

import com.vaadin.flow.component.Svg;
import com.vaadin.flow.component.html.Div;

/**
 * A signal's metric over windows as an inline SVG drawn on the server: the value per window as a line, its interval
 * as a shaded band when the service gives one, the warn and breach levels as labelled dashed lines, and each
 * breached window marked with a larger red mark and the word in its tooltip. The picture carries a title and a
 * description in words (screen readers read those); the numbers are also in a table beside it.
 */
public final class TrendChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 240;
    private static final int LEFT = 56;
    private static final int RIGHT = 96;
    private static final int TOP = 16;
    private static final int BOTTOM = 36;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TrendChart() {
    }

    public static Div of(String title, SignalSeries series) {
        var wrapper = new Div(new Svg(svg(title, series)));
        wrapper.addClassNames("chart", "trend-chart");
        wrapper.getElement().setAttribute("role", "img");
        wrapper.getElement().setAttribute("aria-label", title + ": " + describe(series));
        return wrapper;
    }

    /** The chart in words: how many windows, the last value and verdict, the levels, how many breached. */
    static String describe(SignalSeries series) {
        var points = series.points();
        var measured = points.stream().filter(p -> p.value() != null).toList();
        if (measured.isEmpty()) {
            return "no closed window with a value yet";
        }
        var last = measured.getLast();
        var text = new StringBuilder().append(measured.size())
                .append(measured.size() == 1 ? " window" : " windows")
                .append("; the last ")
                .append(Formats.metric(last.value()))
                .append(" (")
                .append(Health.words(last.verdict()))
                .append(")");
        if (series.warn() != null) {
            text.append("; warning ").append(series.below() ? "below " : "at ").append(Formats.metric(series.warn()));
        }
        if (series.breach() != null) {
            text.append("; breach ").append(series.below() ? "below " : "at ")
                    .append(Formats.metric(series.breach()));
        }
        var breaches = points.stream().filter(SignalSeries.Point::breached).count();
        text.append("; ").append(breaches).append(breaches == 1 ? " window breached" : " windows breached");
        return text.toString();
    }

    static String svg(String title, SignalSeries series) {
        var points = series.points();
        var values = Stream.of(points.stream().map(SignalSeries.Point::value),
                points.stream().map(SignalSeries.Point::lower), points.stream().map(SignalSeries.Point::upper),
                Stream.of(series.warn(), series.breach()))
                .flatMap(s -> s)
                .filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue)
                .toArray();
        var min = 0.0;
        var max = 1.0;
        if (values.length > 0) {
            min = Math.min(0.0, java.util.Arrays.stream(values).min().orElse(0));
            max = java.util.Arrays.stream(values).max().orElse(1);
            if (max <= min) {
                max = min + 1;
            }
            max += (max - min) * 0.08;
        }
        var scale = new Scale(min, max, Math.max(1, points.size()));
        var svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" aria-hidden=\"true\" focusable=\"false\">");
        svg.append("<title>").append(escape(title)).append("</title>");
        svg.append("<desc>").append(escape(describe(series))).append("</desc>");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" fill=\"#ffffff\"/>");
        // axes
        svg.append(line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "#8a8f98", null, "axis"));
        svg.append(line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "#8a8f98", null, "axis"));
        svg.append(text(LEFT - 6, scale.y(max), "end", Formats.metric(max), "#555"));
        svg.append(text(LEFT - 6, scale.y(min), "end", Formats.metric(min), "#555"));
        if (!points.isEmpty()) {
            svg.append(text(scale.x(0), HEIGHT - BOTTOM + 16, "start", DAY.format(points.getFirst().windowStart()),
                    "#555"));
            if (points.size() > 1) {
                svg.append(text(scale.x(points.size() - 1), HEIGHT - BOTTOM + 16, "end",
                        DAY.format(points.getLast().windowStart()), "#555"));
            }
        }
        band(svg, points, scale);
        level(svg, series.warn(), "warning", "#b26b00", scale);
        level(svg, series.breach(), "breach", "#c62828", scale);
        // the value, broken where a window has none
        var segment = new ArrayList<String>();
        for (var i = 0; i < points.size(); i++) {
            var value = points.get(i).value();
            if (value == null) {
                polyline(svg, segment);
                segment.clear();
                continue;
            }
            segment.add(coordinate(scale.x(i)) + "," + coordinate(scale.y(value)));
        }
        polyline(svg, segment);
        for (var i = 0; i < points.size(); i++) {
            var point = points.get(i);
            if (point.value() == null) {
                continue;
            }
            var tip = Formats.time(point.windowStart()) + ": " + Formats.metric(point.value()) + " ("
                    + Health.words(point.verdict()) + ")";
            var breached = point.breached();
            svg.append("<circle class=\"").append(breached ? "breach-mark" : "point").append("\" cx=\"")
                    .append(coordinate(scale.x(i))).append("\" cy=\"").append(coordinate(scale.y(point.value())))
                    .append("\" r=\"").append(breached ? 6 : 3).append("\" fill=\"")
                    .append(breached ? "#c62828" : "WARN".equals(point.verdict()) ? "#b26b00" : "#1f5fbf")
                    .append("\" stroke=\"#ffffff\" stroke-width=\"1.5\"><title>").append(escape(tip))
                    .append("</title></circle>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static void band(StringBuilder svg, List<SignalSeries.Point> points, Scale scale) {
        var upper = new ArrayList<String>();
        var lower = new ArrayList<String>();
        for (var i = 0; i < points.size(); i++) {
            var point = points.get(i);
            if (point.lower() != null && point.upper() != null) {
                upper.add(coordinate(scale.x(i)) + "," + coordinate(scale.y(point.upper())));
                lower.addFirst(coordinate(scale.x(i)) + "," + coordinate(scale.y(point.lower())));
            }
        }
        if (upper.isEmpty()) {
            return;
        }
        var all = new ArrayList<>(upper);
        all.addAll(lower);
        svg.append("<polygon class=\"interval\" points=\"").append(String.join(" ", all))
                .append("\" fill=\"#1f5fbf\" fill-opacity=\"0.15\" stroke=\"none\"><title>interval</title></polygon>");
    }

    private static void level(StringBuilder svg, Double level, String name, String colour, Scale scale) {
        if (level == null) {
            return;
        }
        var y = scale.y(level);
        svg.append(line(LEFT, y, WIDTH - RIGHT, y, colour, "6 4", name + "-level"));
        svg.append(text(WIDTH - RIGHT + 6, y + 4, "start", name + " " + Formats.metric(level), colour));
    }

    private static void polyline(StringBuilder svg, List<String> segment) {
        if (segment.isEmpty()) {
            return;
        }
        svg.append("<polyline class=\"value\" points=\"").append(String.join(" ", segment))
                .append("\" fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"2\"/>");
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, String dash,
            String css) {
        return "<line class=\"" + css + "\" x1=\"" + coordinate(x1) + "\" y1=\"" + coordinate(y1) + "\" x2=\""
                + coordinate(x2) + "\" y2=\"" + coordinate(y2) + "\" stroke=\"" + colour + "\" stroke-width=\"1.5\""
                + (dash == null ? "" : " stroke-dasharray=\"" + dash + "\"") + "/>";
    }

    private static String text(double x, double y, String anchor, String content, String colour) {
        return "<text x=\"" + coordinate(x) + "\" y=\"" + coordinate(y) + "\" text-anchor=\"" + anchor
                + "\" font-size=\"11\" font-family=\"sans-serif\" fill=\"" + colour + "\">" + escape(content)
                + "</text>";
    }

    private static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String escape(String text) {
        return text == null
                ? ""
                : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private record Scale(double min, double max, int count) {

        double x(int index) {
            var span = WIDTH - LEFT - RIGHT;
            return count <= 1 ? LEFT + span / 2.0 : LEFT + span * index / (double) (count - 1);
        }

        double y(double value) {
            var span = HEIGHT - TOP - BOTTOM;
            return TOP + span * (max - value) / (max - min);
        }
    }
}
