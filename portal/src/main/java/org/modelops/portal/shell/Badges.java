package org.modelops.portal.shell;

import com.vaadin.flow.component.html.Span;

/** Lumo badges for risk tiers and lifecycle states; the text always says what the colour means. */
public final class Badges {

    private Badges() {
    }

    public static Span riskTier(String tier) {
        var badge = badge(tier == null ? "unknown" : tier.toLowerCase() + " risk");
        badge.getElement()
                .getThemeList()
                .add(switch (tier == null ? "" : tier) {
                    case "HIGH" -> "error";
                    case "MEDIUM" -> "warning";
                    case "LOW" -> "success";
                    default -> "contrast";
                });
        return badge;
    }

    public static Span state(String state) {
        var badge = badge(state == null ? "" : state.replace('_', ' ').toLowerCase());
        var theme = switch (state == null ? "" : state) {
            case "CHAMPION" -> "success primary";
            case "ROLLING_OUT", "CANARY" -> "success";
            case "REJECTED", "VALIDATION_FAILED", "ROLLED_BACK" -> "error";
            case "PENDING_APPROVAL", "AWAITING_EVALUATION" -> "warning";
            case "RETIRED" -> "contrast";
            default -> "";
        };
        for (var word : theme.split(" ")) {
            if (!word.isBlank()) {
                badge.getElement().getThemeList().add(word);
            }
        }
        return badge;
    }

    private static Span badge(String text) {
        var badge = new Span(text);
        badge.getElement().getThemeList().add("badge");
        return badge;
    }
}
