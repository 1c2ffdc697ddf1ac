package org.modelops.governance.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.Refusal;

/** Parses query parameters with errors that name the parameter and the allowed values. */
public final class QueryParameters {

    private QueryParameters() {
    }

    public static <E extends Enum<E>> E enumValue(String parameter, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(List.of(new FieldViolation(parameter, "enum", "must be one of "
                    + Arrays.toString(type.getEnumConstants()) + ", was '" + value + "'")));
        }
    }

    public static Map.Entry<String, String> keyValue(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        int split = value.indexOf('=');
        if (split <= 0) {
            throw Refusal.invalid(List.of(new FieldViolation(parameter, "pattern", "must be key=value, was '" + value
                    + "'")));
        }
        return Map.entry(value.substring(0, split), value.substring(split + 1));
    }
}
