package org.modelops.portal.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerdictTest {

    @ParameterizedTest
    @CsvSource({"PASSED, true, Passed", "SKIPPED, true, Not applicable",
            "AWAITING_EVALUATION, false, Waiting for an evaluation on the champion's data",
            "FAILED, false, Did not pass"})
    void eachOutcomeCountsAndReadsAsTheServiceMeansIt(String outcome, boolean passed, String words) {
        var verdict = new Verdict("champion-challenger", outcome, List.of());

        assertThat(verdict.passed()).isEqualTo(passed);
        assertThat(verdict.outcomeInWords()).isEqualTo(words);
    }
}
