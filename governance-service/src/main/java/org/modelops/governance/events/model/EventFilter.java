package org.modelops.governance.events.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.modelops.governance.shared.FieldViolation;

/**
 * Which events a subscription receives. {@code types}: exact types ({@code org.modelops.version.submitted}) or
 * prefixes ending in {@code .*} ({@code org.modelops.monitoring.*}: every type that starts with
 * {@code org.modelops.monitoring.}); {@code models}: model names. An empty list matches everything; an event about no
 * model (a policy published) matches only a subscription without model names.
 */
public record EventFilter(List<String> types, List<String> models) {

    public static final int MAX_ENTRIES = 100;
    static final Pattern TYPE = Pattern.compile("org\\.modelops\\.(\\*|[a-z0-9-]+(\\.[a-z0-9-]+)*(\\.\\*)?)");
    static final Pattern MODEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public EventFilter {
        types = types == null ? List.of() : List.copyOf(types);
        models = models == null ? List.of() : List.copyOf(models);
    }

    public boolean matches(String type, String model) {
        return (types.isEmpty() || types.stream().anyMatch(pattern -> typeMatches(pattern, type)))
                && (models.isEmpty() || model != null && models.contains(model));
    }

    static boolean typeMatches(String pattern, String type) {
        return pattern.endsWith(".*")
                ? type.startsWith(pattern.substring(0, pattern.length() - 1))
                : pattern.equals(type);
    }

    /** Every entry that is not a well-formed type, prefix or model name, by its index. */
    public static List<FieldViolation> violations(List<String> types, List<String> models) {
        var violations = new ArrayList<FieldViolation>();
        check("types", types, TYPE, "an event type such as org.modelops.version.submitted, or a prefix ending in .*"
                + " such as org.modelops.monitoring.*", violations);
        check("models", models, MODEL, "a model name (lower-case letters, digits and inner hyphens, at most 63)",
                violations);
        return violations;
    }

    private static void check(String field, List<String> values, Pattern rule, String expected,
            List<FieldViolation> violations) {
        if (values == null) {
            return;
        }
        if (values.size() > MAX_ENTRIES) {
            violations.add(new FieldViolation(field, "maxItems", "at most " + MAX_ENTRIES + " entries, was "
                    + values.size()));
        }
        for (int i = 0; i < values.size(); i++) {
            var value = values.get(i);
            if (value == null || !rule.matcher(value).matches()) {
                violations.add(new FieldViolation(field + "[" + i + "]", "pattern", "must be " + expected + ", was "
                        + (value == null ? "null" : "'" + value + "'")));
            }
        }
    }
}
