package org.modelops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Work in parallel, results in order: what lets verification hash on every core and still name the first break. */
class OrderedBatchesTest {

    @Test
    void resultsArriveInTheItemsOrderWhateverTheThreads() {
        for (int threads : List.of(1, 2, 4)) {
            var seen = new ArrayList<Integer>();
            try (var batches = new OrderedBatches<Integer, Integer>(threads, 7, item -> item * 2, seen::add)) {
                for (int i = 0; i < 10_000; i++) {
                    assertThat(batches.add(i)).isTrue();
                }
                batches.finish();
            }
            assertThat(seen).hasSize(10_000);
            for (int i = 0; i < seen.size(); i++) {
                assertThat(seen.get(i)).isEqualTo(i * 2);
            }
        }
    }

    @Test
    void theConsumerStopsEverythingAtTheFirstResultItRefuses() {
        for (int threads : List.of(1, 3)) {
            var seen = new ArrayList<Integer>();
            var accepted = 0;
            try (var batches = new OrderedBatches<Integer, Integer>(threads, 5, item -> item,
                    item -> seen.add(item) && item < 123)) {
                for (int i = 0; i < 10_000 && batches.add(i); i++) {
                    accepted++;
                }
                batches.finish();
            }
            assertThat(seen).as("nothing after the refused one").endsWith(123).hasSize(124);
            assertThat(accepted).isGreaterThanOrEqualTo(123).isLessThan(10_000);
        }
    }
}
