package org.modelops.governance.mlflow.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The subset of MLflow's search grammar ({@code mlflow/utils/search_utils.py}) this registry answers: clauses joined
 * by AND, each {@code <key> <comparator> <value>}; keys are attributes ({@code name}, or {@code attribute.name}) or
 * tags ({@code tags.<key>}, {@code tag.<key>}, back-quoted when they hold dots). Values are single-quoted strings,
 * numbers (for {@code version_number}) or a list of strings (for {@code run_id IN (…)}). OR and parentheses are
 * refused, as MLflow refuses them.
 */
public final class SearchFilter {

    public enum KeyType {
        ATTRIBUTE, TAG
    }

    /** One clause; {@code values} has one element except for IN. */
    public record Clause(KeyType type, String key, String comparator, List<String> values) {

        public String value() {
            return values.getFirst();
        }
    }

    /** What one search accepts: its attribute keys, and which of them compare numbers. */
    public record Grammar(List<String> attributes, Set<String> numeric, Set<String> listable) {
    }

    public static final Grammar MODELS = new Grammar(List.of("name"), Set.of(), Set.of());
    public static final Grammar VERSIONS = new Grammar(List.of("name", "run_id", "version_number", "source_path"),
            Set.of("version_number"), Set.of("run_id"));

    private static final Set<String> STRING_COMPARATORS = Set.of("=", "!=", "LIKE", "ILIKE");
    private static final Set<String> NUMBER_COMPARATORS = Set.of("=", "!=", "<", "<=", ">", ">=");
    private static final Pattern CLAUSE = Pattern.compile("(?s)\\s*(?<key>(?:[A-Za-z_]+\\.)?(?:`[^`]+`|\"[^\"]+\""
            + "|[\\w.]+))\\s*(?<op>!=|<=|>=|=|<|>|(?i:not\\s+in\\b|ilike\\b|like\\b|in\\b))\\s*(?<value>'(?:[^']|'')*'"
            + "|\"[^\"]*\"|\\(.*\\)|-?\\d+(?:\\.\\d+)?)\\s*");
    private static final Pattern LIST_ITEM = Pattern.compile("\\s*'((?:[^']|'')*)'\\s*");

    private SearchFilter() {
    }

    public static List<Clause> parse(String filter, Grammar grammar) {
        var clauses = new ArrayList<Clause>();
        if (filter == null || filter.isBlank()) {
            return clauses;
        }
        for (var text : splitOnAnd(filter)) {
            clauses.add(clause(text, grammar));
        }
        return clauses;
    }

    private static Clause clause(String text, Grammar grammar) {
        var matcher = CLAUSE.matcher(text);
        if (!matcher.matches()) {
            throw MlflowError.invalid("Invalid clause(s) in filter string: '" + text.strip() + "'. A clause is"
                    + " <key> <comparator> <value>, e.g. name = 'credit-risk' or tags.team LIKE 'risk%'.");
        }
        var rawKey = matcher.group("key");
        var comparator = matcher.group("op").toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        var rawValue = matcher.group("value");
        KeyType type;
        String key;
        int dot = rawKey.indexOf('.');
        var prefix = dot < 0 || rawKey.startsWith("`") || rawKey.startsWith("\"")
                ? ""
                : rawKey.substring(0, dot)
                        .toLowerCase(Locale.ROOT);
        if (prefix.equals("tags") || prefix.equals("tag")) {
            type = KeyType.TAG;
            key = unquote(rawKey.substring(dot + 1));
        } else if (prefix.equals("attribute") || prefix.equals("attributes") || prefix.equals("attr")) {
            type = KeyType.ATTRIBUTE;
            key = unquote(rawKey.substring(dot + 1));
        } else {
            type = KeyType.ATTRIBUTE;
            key = unquote(rawKey);
        }
        if (type == KeyType.ATTRIBUTE && !grammar.attributes().contains(key)) {
            throw MlflowError.invalid("Invalid attribute key '" + key + "' specified. Valid keys are '{"
                    + String.join(", ", grammar.attributes().stream().map(valid -> "'" + valid + "'").toList())
                    + "}'");
        }
        if (comparator.endsWith("IN")) {
            if (type == KeyType.TAG || !grammar.listable().contains(key)) {
                throw MlflowError.invalid("Only the 'run_id' attribute supports comparison with a list of quoted"
                        + " string values.");
            }
            return new Clause(type, key, comparator, list(rawValue));
        }
        if (type == KeyType.ATTRIBUTE && grammar.numeric().contains(key)) {
            if (!NUMBER_COMPARATORS.contains(comparator) || !rawValue.matches("-?\\d{1,9}")) {
                throw MlflowError.invalid("Invalid clause '" + text.strip() + "': " + key + " compares with an"
                        + " integer using one of " + NUMBER_COMPARATORS);
            }
            return new Clause(type, key, comparator, List.of(rawValue));
        }
        if (!STRING_COMPARATORS.contains(comparator)) {
            throw MlflowError.invalid("Invalid comparator '" + comparator + "' for '" + key + "': one of "
                    + STRING_COMPARATORS);
        }
        if (!rawValue.startsWith("'") && !rawValue.startsWith("\"")) {
            throw MlflowError.invalid("Invalid clause '" + text.strip() + "': '" + key + "' compares with a quoted"
                    + " string value");
        }
        return new Clause(type, key, comparator, List.of(string(rawValue)));
    }

    private static List<String> list(String raw) {
        if (!raw.startsWith("(") || !raw.endsWith(")")) {
            throw MlflowError.invalid("While parsing a list in the query, expected a parenthesised list of quoted"
                    + " strings, got " + raw);
        }
        var values = new ArrayList<String>();
        for (var item : splitTopLevel(raw.substring(1, raw.length() - 1), ',')) {
            var matcher = LIST_ITEM.matcher(item);
            if (!matcher.matches()) {
                throw MlflowError.invalid("While parsing a list in the query, expected string values, got " + item);
            }
            values.add(matcher.group(1).replace("''", "'"));
        }
        if (values.isEmpty()) {
            throw MlflowError.invalid("While parsing a list in the query, expected a non-empty list of string values");
        }
        return values;
    }

    private static String string(String raw) {
        var inner = raw.substring(1, raw.length() - 1);
        return raw.startsWith("'") ? inner.replace("''", "'") : inner;
    }

    private static String unquote(String key) {
        if (key.length() >= 2 && (key.startsWith("`") && key.endsWith("`")
                || key.startsWith("\"") && key.endsWith("\""))) {
            return key.substring(1, key.length() - 1);
        }
        return key;
    }

    /** Splits on AND outside quotes; refuses OR and parentheses that do not hold an IN list. */
    private static List<String> splitOnAnd(String filter) {
        var parts = new ArrayList<String>();
        var current = new StringBuilder();
        char quote = 0;
        int depth = 0;
        for (int i = 0; i < filter.length(); i++) {
            char c = filter.charAt(i);
            if (quote != 0) {
                current.append(c);
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(') {
                if (!current.toString().matches("(?is).*\\bin\\s*$")) {
                    throw MlflowError.invalid("Invalid clause(s) in filter string: parentheses are not supported;"
                            + " join clauses with AND only");
                }
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && wordAt(filter, i, "AND")) {
                parts.add(current.toString());
                current.setLength(0);
                i += 2;
                continue;
            } else if (depth == 0 && wordAt(filter, i, "OR")) {
                throw MlflowError.invalid("Invalid clause(s) in filter string: OR");
            }
            current.append(c);
        }
        if (quote != 0 || depth != 0) {
            throw MlflowError.invalid("Invalid filter string '" + filter + "': an unclosed quote or parenthesis");
        }
        parts.add(current.toString());
        for (var part : parts) {
            if (part.isBlank()) {
                throw MlflowError.invalid("Invalid filter string '" + filter + "': an empty clause around AND");
            }
        }
        return parts;
    }

    private static boolean wordAt(String text, int at, String word) {
        int end = at + word.length();
        return text.regionMatches(true, at, word, 0, word.length())
                && (at == 0 || Character.isWhitespace(text.charAt(at - 1)))
                && (end == text.length() || Character.isWhitespace(text.charAt(end)));
    }

    private static List<String> splitTopLevel(String text, char separator) {
        var parts = new ArrayList<String>();
        var current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank() || !parts.isEmpty()) {
            parts.add(current.toString());
        }
        return parts;
    }
}
