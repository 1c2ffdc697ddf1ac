package org.modelops.governance.registry.model;

import java.util.regex.Pattern;

/**
 * A model's unique name: 1 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit
 * (a DNS label), so that it is safe in URLs, Kubernetes resource names and metric labels alike.
 */
public record ModelName(String value) {

    public static final int MAX_LENGTH = 63;
    public static final Pattern RULE = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public ModelName {
        if (value == null || !RULE.matcher(value).matches()) {
            throw new IllegalArgumentException("model name must match " + RULE.pattern() + ": " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
