package org.modelops.cli.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelops.cli.submit.Requirement.Outcome.FAILED;
import static org.modelops.cli.submit.Requirement.Outcome.MET;
import static org.modelops.cli.submit.Requirement.Outcome.WAITING;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RequirementTest {

    @ParameterizedTest(name = "{0} for {1}: {2}")
    @CsvSource({
            "VALIDATED, VALIDATING, WAITING", "VALIDATED, CHALLENGING, WAITING",
            "VALIDATED, PENDING_APPROVAL, MET", "VALIDATED, REJECTED, FAILED",
            "APPROVED, PENDING_APPROVAL, WAITING", "APPROVED, APPROVED, MET", "APPROVED, ROLLING_OUT, MET",
            "APPROVED, CHAMPION, MET", "APPROVED, SUPERSEDED, MET", "APPROVED, ROLLED_BACK, FAILED",
            "APPROVED, RETIRED, FAILED",
            "SERVING, APPROVED, WAITING", "SERVING, ROLLING_OUT, MET", "SERVING, CHAMPION, MET",
            "SERVING, SUPERSEDED, FAILED", "SERVING, REJECTED, FAILED",
            "CHAMPION, ROLLING_OUT, WAITING", "CHAMPION, CHAMPION, MET", "CHAMPION, ROLLED_BACK, FAILED",
            "SERVING, REGISTERED, WAITING"})
    void judgesEachState(Requirement requirement, String state, Requirement.Outcome outcome) {
        assertThat(requirement.judge(state)).isEqualTo(outcome);
    }

    @Test
    void parsesAnyCase() {
        assertThat(Requirement.parse("Serving")).isEqualTo(Requirement.SERVING);
        assertThatThrownBy(() -> Requirement.parse("live")).hasMessageContaining("validated, approved");
        assertThat(MET).isNotEqualTo(WAITING).isNotEqualTo(FAILED);
    }
}
