package org.modelops.cli.commands;

import java.io.PrintStream;
import java.util.List;

/** Plain-text output for people: aligned columns. */
public final class Text {

    private Text() {
    }

    public static void table(PrintStream out, List<String[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        var widths = new int[rows.getFirst().length];
        for (var row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], value(row[i]).length());
            }
        }
        for (var row : rows) {
            var line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                var cell = value(row[i]);
                line.append(cell);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - cell.length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    public static String shorten(String text, int max) {
        if (text == null) {
            return "";
        }
        var line = text.replaceAll("\\s+", " ");
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }

    private static String value(String cell) {
        return cell == null ? "" : cell;
    }
}
