package org.modelops.portal.monitoring;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

import org.modelops.portal.governance.MonitoringOverview;

import com.vaadin.flow.component.html.Span;

/**
 * Monitoring verdicts in words and badges. Too little data and labels still to come are verdicts of their own and
 * never look like a pass; a version the service judged nothing for says so.
 */
public final class Health {

    public static final String NO_DATA = "no monitoring data";

    private Health() {
    }

    /** The verdict in words: "healthy", "warning", "breach", "too little data", "waiting for labels". */
    public static String words(String verdict) {
        return switch (verdict == null ? "" : verdict) {
            case "PASS" -> "healthy";
            case "WARN" -> "warning";
            case "BREACH" -> "breach";
            case "INSUFFICIENT_DATA" -> "too little data";
            case "PENDING_LABELS" -> "waiting for labels";
            case "" -> NO_DATA;
            default -> verdict.replace('_', ' ').toLowerCase(Locale.ROOT);
        };
    }

    /** How bad a verdict is, as the service ranks them: breach, then too little data, then warning, then pass. */
    public static int severity(String verdict) {
        return switch (verdict == null ? "" : verdict) {
            case "BREACH" -> 5;
            case "INSUFFICIENT_DATA" -> 4;
            case "PENDING_LABELS" -> 3;
            case "WARN" -> 2;
            case "PASS" -> 1;
            default -> 0;
        };
    }

    /** A badge that says the verdict in words (colour is never the only signal). */
    public static Span badge(String verdict) {
        return badge(verdict, words(verdict));
    }

    public static Span badge(String verdict, String text) {
        var badge = new Span(text);
        var theme = switch (verdict == null ? "" : verdict) {
            case "PASS" -> "badge success";
            case "WARN" -> "badge warning";
            case "BREACH" -> "badge error primary";
            default -> "badge contrast";
        };
        for (var word : theme.split(" ")) {
            badge.getElement().getThemeList().add(word);
        }
        badge.getElement().setAttribute("data-verdict", verdict == null ? "NONE" : verdict);
        return badge;
    }

    /**
     * The health of what serves a model: the worst verdict among its serving versions, named by version
     * ("v2 breach"); {@link #NO_DATA} when no serving version was judged.
     */
    public static Span serving(MonitoringOverview overview) {
        var worst = servingVersions(overview.versions()).stream()
                .filter(MonitoringOverview.VersionHealth::judged)
                .max(Comparator.comparingInt(v -> severity(v.verdict())));
        return worst.map(v -> badge(v.verdict(), "v" + v.version() + " " + words(v.verdict())))
                .orElseGet(() -> badge(null));
    }

    static Collection<MonitoringOverview.VersionHealth> servingVersions(
            Collection<MonitoringOverview.VersionHealth> versions) {
        return versions.stream().filter(MonitoringOverview.VersionHealth::serving).toList();
    }

    /** "data-quality" → "Data quality". */
    public static String signalName(String signal) {
        if (signal == null || signal.isBlank()) {
            return "Signal";
        }
        var words = signal.replace('-', ' ').replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
