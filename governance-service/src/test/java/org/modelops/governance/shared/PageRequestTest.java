package org.modelops.governance.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Paging parameters as every list takes them: page from 0, size 1 to 200, default 20; violations name the field. */
class PageRequestTest {

    @Test
    void defaultsToTheFirstPageOfTwenty() {
        assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(0, 20));
    }

    @Test
    void theOffsetIsPageTimesSize() {
        assertThat(PageRequest.of(3, 10).offset()).isEqualTo(30);
        assertThat(PageRequest.of(Integer.MAX_VALUE, 200).offset()).isEqualTo(Integer.MAX_VALUE * 200L);
    }

    @Test
    void sizeOneAndTwoHundredAreTheBounds() {
        assertThat(PageRequest.of(0, 1).size()).isEqualTo(1);
        assertThat(PageRequest.of(0, 200).size()).isEqualTo(200);
        assertThat(violations(0, 0)).containsExactly("size:range");
        assertThat(violations(0, 201)).containsExactly("size:range");
    }

    @Test
    void aNegativePageIsRefusedAndBothViolationsAreNamedAtOnce() {
        assertThat(violations(-1, 20)).containsExactly("page:minimum");
        assertThat(violations(-1, 500)).containsExactly("page:minimum", "size:range");
    }

    private static java.util.List<String> violations(Integer page, Integer size) {
        try {
            PageRequest.of(page, size);
        } catch (Refusal refusal) {
            return refusal.violations().stream().map(v -> v.field() + ":" + v.rule()).toList();
        }
        throw new AssertionError("no refusal for page " + page + ", size " + size);
    }
}
