package org.modelops.governance.shared;

import java.util.ArrayList;

/** Paging as clients ask for it: page from 0, size from 1 to {@link #MAX_SIZE}. */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    public static PageRequest of(Integer page, Integer size) {
        var violations = new ArrayList<FieldViolation>();
        if (page != null && page < 0) {
            violations.add(new FieldViolation("page", "minimum", "must be 0 or more, was " + page));
        }
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            violations.add(new FieldViolation("size", "range", "must be between 1 and " + MAX_SIZE + ", was " + size));
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        return new PageRequest(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    public long offset() {
        return (long) page * size;
    }
}
