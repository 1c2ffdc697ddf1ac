package org.modelops.governance.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.modelops.governance.shared.FieldViolation;

/**
 * What no request may carry, whatever its schema says, because it would be altered or refused on its way to the
 * database and evidence is never silently altered: control characters (the C0 range except tab, line feed and
 * carriage return), unpaired UTF-16 surrogates (not Unicode characters: the driver would store them as '?'), and
 * numbers a double cannot hold (1e-400 would be kept as 0, 1e400 as infinity). Member names are text too.
 */
public final class InputHygiene {

    public static final String CONTROL_CHARACTER = "control-character";
    public static final String UNPAIRED_SURROGATE = "unpaired-surrogate";
    public static final String DOUBLE_RANGE = "double-range";

    private InputHygiene() {
    }

    /** Every such violation in the document, by the dotted path of the value or member name. */
    public static List<FieldViolation> violations(JsonNode document) {
        var found = new ArrayList<FieldViolation>();
        visit("", document, found);
        return found;
    }

    /** The violations of one piece of text, e.g. a query parameter; {@code field} names it in the answer. */
    public static List<FieldViolation> violations(String field, String text) {
        var found = new ArrayList<FieldViolation>();
        checkText(field, text, "", found);
        return found;
    }

    /** The violations of a name, e.g. a query parameter's; {@code field} is the name as {@link #visible} shows it. */
    public static List<FieldViolation> nameViolations(String name) {
        var found = new ArrayList<FieldViolation>();
        checkText(visible(name), name, "its name ", found);
        return found;
    }

    /** The text with every control character and unpaired surrogate shown as {@code \\uXXXX}, safe to print. */
    public static String visible(String text) {
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (problemAt(text, i) != null) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void visit(String path, JsonNode node, List<FieldViolation> found) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                var name = member.getKey();
                var child = path.isEmpty() ? visible(name) : path + "." + visible(name);
                checkText(child, name, "its name ", found);
                visit(child, member.getValue(), found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                visit(path + "[" + i + "]", node.get(i), found);
            }
        } else if (node.isTextual()) {
            checkText(path, node.textValue(), "", found);
        } else if (node.isNumber()) {
            checkNumber(path, node, found);
        }
    }

    private static void checkText(String field, String text, String what, List<FieldViolation> found) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            var rule = problemAt(text, i);
            if (rule == null) {
                continue;
            }
            var code = String.format("U+%04X", (int) text.charAt(i));
            var message = CONTROL_CHARACTER.equals(rule)
                    ? what + "contains the control character " + code + " at character " + (i + 1)
                            + "; only tab, line feed and carriage return are allowed in text"
                    : what + "contains the unpaired surrogate " + code + " at character " + (i + 1)
                            + ": it is not a Unicode character and could not be stored as sent";
            found.add(new FieldViolation(field, rule, message.substring(0, 1).toUpperCase() + message.substring(1)));
            return;
        }
    }

    /** The rule the character at {@code i} breaks, or null. */
    private static String problemAt(String text, int i) {
        char c = text.charAt(i);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            return CONTROL_CHARACTER;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)) ? null : UNPAIRED_SURROGATE;
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1)) ? null : UNPAIRED_SURROGATE;
        }
        return null;
    }

    private static void checkNumber(String field, JsonNode number, List<FieldViolation> found) {
        if (number.isIntegralNumber() && number.canConvertToLong()) {
            return;
        }
        double value = number.doubleValue();
        String problem = null;
        if (Double.isNaN(value)) {
            problem = "is not a number";
        } else if (Double.isInfinite(value)) {
            problem = "is too large to be kept as a number (a double holds at most " + Double.MAX_VALUE + ")";
        } else if (value == 0 && number.isBigDecimal() && number.decimalValue().signum() != 0) {
            problem = "is too small to be kept as a number: it would be stored as 0";
        } else if (value != 0 && Math.abs(value) < Double.MIN_NORMAL) {
            problem = "is too small to be kept exactly as a number (a double keeps full precision down to "
                    + Double.MIN_NORMAL + ")";
        }
        if (problem != null) {
            found.add(new FieldViolation(field, DOUBLE_RANGE, shown(number) + " " + problem));
        }
    }

    private static String shown(JsonNode number) {
        if (number.isBigDecimal()) {
            BigDecimal decimal = number.decimalValue();
            return decimal.toString();
        }
        return number.asText();
    }
}
