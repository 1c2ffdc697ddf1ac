package org.modelops.governance.shared;

/**
 * One broken rule of a request: the field (a dotted path such as {@code metrics.auc}, empty for the whole body), the
 * rule (e.g. {@code type}, {@code pattern}, {@code required}, {@code maxLength}) and a sentence for a person.
 */
public record FieldViolation(String field, String rule, String message) {
}
