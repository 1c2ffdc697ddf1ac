package org.modelops.governance.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a list: its items, the total across all pages, and where the page sits (0-based). */
public record Page<T>(List<T> items, long total, int page, int size) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), total, page, size);
    }
}
