package org.modelops.portal.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.modelops.portal.governance.Page;

/**
 * Turns a grid's lazy request (offset, limit) into the service's pages (page, size ≤ 200): one call when the offset
 * falls on a page boundary, otherwise the pages that cover the window, trimmed.
 */
public final class LazyPages {

    static final int MAX_SIZE = 200;

    private LazyPages() {
    }

    public static <T> Stream<T> fetch(int offset, int limit, BiFunction<Integer, Integer, Page<T>> pages) {
        if (limit <= 0) {
            return Stream.empty();
        }
        var size = Math.min(limit, MAX_SIZE);
        if (offset % size == 0 && limit <= size) {
            return pages.apply(offset / size, size).items().stream();
        }
        var items = new ArrayList<T>(limit);
        var page = offset / size;
        var skip = offset % size;
        while (items.size() < limit) {
            List<T> batch = pages.apply(page, size).items();
            for (var i = skip; i < batch.size() && items.size() < limit; i++) {
                items.add(batch.get(i));
            }
            if (batch.size() < size) {
                break;
            }
            skip = 0;
            page++;
        }
        return items.stream();
    }
}
