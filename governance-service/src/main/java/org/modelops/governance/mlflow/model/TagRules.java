package org.modelops.governance.mlflow.model;

import java.util.ArrayDeque;
import java.util.regex.Pattern;

/** MLflow's rules for tag keys and values ({@code mlflow/utils/validation.py}). */
public final class TagRules {

    public static final int MAX_KEY_LENGTH = 250;
    public static final int MAX_VALUE_LENGTH = 100_000;

    private static final Pattern KEY = Pattern.compile("[/\\w.\\- :]*");

    private TagRules() {
    }

    public static void check(String key, String value) {
        if (key == null || key.isEmpty()) {
            throw MlflowError.missing("key");
        }
        if (!KEY.matcher(key).matches()) {
            throw MlflowError.invalid("Invalid value \"" + key + "\" for parameter 'key' supplied: Names may only"
                    + " contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and"
                    + " slashes (/).");
        }
        var normalised = normalise(key);
        if (!normalised.equals(key)) {
            throw MlflowError.invalid("Invalid value \"" + key + "\" for parameter 'key' supplied: Names may be"
                    + " treated as files in certain cases, and must not resolve to other names when treated as such."
                    + " This name would resolve to '" + normalised + "'");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw MlflowError.invalid("Tag key '" + key.substring(0, 20) + "…' is longer than " + MAX_KEY_LENGTH
                    + " characters.");
        }
        if (value != null && value.length() > MAX_VALUE_LENGTH) {
            throw MlflowError.invalid("The value of tag '" + key + "' is longer than " + MAX_VALUE_LENGTH
                    + " characters.");
        }
    }

    /** {@code posixpath.normpath}: what a name would resolve to as a path. */
    static String normalise(String path) {
        boolean absolute = path.startsWith("/");
        var parts = new ArrayDeque<String>();
        for (var part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
                parts.removeLast();
            } else if (!(part.equals("..") && absolute)) {
                parts.addLast(part);
            }
        }
        var joined = String.join("/", parts);
        return absolute ? "/" + joined : joined.isEmpty() ? "." : joined;
    }
}
