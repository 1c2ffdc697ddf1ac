package org.modelops.portal.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AuditFilterTest {

    @Test
    void everythingSendsNoParameters() {
        assertThat(AuditFilter.EVERYTHING.parameters()).isEmpty();
    }

    @Test
    void blankFieldsAreLeftOutAndTextIsStripped() {
        var filter = new AuditFilter("  credit-score ", " ", "", null, null);

        assertThat(filter.parameters()).isEqualTo(Map.of("model", "credit-score"));
    }

    @Test
    void everyFieldBecomesItsParameterInTheServicesOrder() {
        var filter = new AuditFilter("churn", "dana", " approval.decided", Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-02T12:30:00Z"));

        assertThat(filter.parameters()).containsExactly(Map.entry("model", "churn"), Map.entry("actor", "dana"),
                Map.entry("action", "approval.decided"), Map.entry("from", "2026-03-01T00:00:00Z"),
                Map.entry("to", "2026-03-02T12:30:00Z"));
    }

    @Test
    void aTimeRangeAloneIsSentAsIsoInstants() {
        var filter = new AuditFilter(null, null, null, null, Instant.parse("2026-03-02T12:30:00.5Z"));

        assertThat(filter.parameters()).isEqualTo(Map.of("to", "2026-03-02T12:30:00.500Z"));
    }

    @Test
    void aPinnedFilterSendsTheNewestSequenceAsToSequence() {
        var filter = new AuditFilter("churn", null, null, null, null).upTo(41);

        assertThat(filter.parameters()).containsExactly(Map.entry("model", "churn"), Map.entry("toSequence", "41"));
        assertThat(filter.upTo(42).upToSequence()).isEqualTo(42L);
    }
}
