package org.modelops.portal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.modelops.portal.governance.Page;

class LazyPagesTest {

    /** A service list of {@code total} numbers 0, 1, 2, …, answering pages and recording (page, size). */
    private static final class Service {

        final List<Integer> all;
        final List<List<Integer>> requests = new ArrayList<>();

        Service(int total) {
            all = IntStream.range(0, total).boxed().toList();
        }

        Page<Integer> page(int page, int size) {
            requests.add(List.of(page, size));
            var from = Math.min(all.size(), page * size);
            return new Page<>(all.subList(from, Math.min(all.size(), from + size)), all.size(), page, size);
        }
    }

    @Test
    void aWindowOnAPageBoundaryIsOneRequest() {
        var service = new Service(1000);

        var items = LazyPages.fetch(100, 50, service::page).toList();

        assertThat(items).isEqualTo(service.all.subList(100, 150));
        assertThat(service.requests).containsExactly(List.of(2, 50));
    }

    @Test
    void aWindowAcrossTwoPagesIsTrimmedToTheWindow() {
        var service = new Service(1000);

        var items = LazyPages.fetch(30, 50, service::page).toList();

        assertThat(items).isEqualTo(service.all.subList(30, 80));
        assertThat(service.requests).containsExactly(List.of(0, 50), List.of(1, 50));
    }

    @Test
    void aWindowLargerThanTheServicesMaximumIsFetchedInMaximumPages() {
        var service = new Service(1000);

        var items = LazyPages.fetch(0, 500, service::page).toList();

        assertThat(items).isEqualTo(service.all.subList(0, 500));
        assertThat(service.requests).containsExactly(List.of(0, LazyPages.MAX_SIZE), List.of(1, LazyPages.MAX_SIZE),
                List.of(2, LazyPages.MAX_SIZE));
    }

    @Test
    void aShortPageEndsTheFetchEvenIfTheWindowIsNotFull() {
        var service = new Service(230);

        var items = LazyPages.fetch(0, 500, service::page).toList();

        assertThat(items).isEqualTo(service.all);
        assertThat(service.requests).hasSize(2);
    }

    @Test
    void aWindowPastTheEndIsEmpty() {
        var service = new Service(10);

        assertThat(LazyPages.fetch(25, 50, service::page)).isEmpty();
    }

    @Test
    void anEmptyWindowAsksNothing() {
        var service = new Service(10);

        assertThat(LazyPages.fetch(0, 0, service::page)).isEmpty();
        assertThat(service.requests).isEmpty();
    }
}
