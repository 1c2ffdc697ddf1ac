package org.modelops.portal.governance;

import java.util.List;

/** One page of a list the service answers: {@code items}, the {@code total} over all pages. */
public record Page<T>(List<T> items, long total, int page, int size) {

    public Page {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public static <T> Page<T> of(List<T> items) {
        return new Page<>(items, items.size(), 0, Math.max(1, items.size()));
    }
}
