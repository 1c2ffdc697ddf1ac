package org.modelops.governance.web;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.function.Function;
import org.modelops.governance.shared.Page;

/** Every list answers {@code {"items": […], "total": n, "page": p, "size": s}}. */
@Serdeable
public record ListView<T>(List<T> items, long total, int page, int size) {

    public static <D, T> ListView<T> of(Page<D> page, Function<D, T> view) {
        return new ListView<>(page.items().stream().map(view).toList(), page.total(), page.page(), page.size());
    }
}
