package org.modelops.portal.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceRefusalTest {

    private static ServiceRefusal refusal(int status, String problem) {
        return new ServiceRefusal(status, "/problems/" + problem, "Conflict", "the service's own words", List.of());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            409 | task-already-decided   | Somebody else decided this first, or it is no longer waiting for you. Nothing was changed.
            404 | task-not-found         | Somebody else decided this first, or it is no longer waiting for you. Nothing was changed.
            403 | separation-of-duties   | You cannot decide on this version: you submitted it or belong to the team that owns the model.
            403 | one-person-counts-once | You have already decided on this version; another approver must give the next approval.
            403 | forbidden              | You are not allowed to do this. Ask a governance administrator if you think you should be.
            403 | not-an-approver        | You are not allowed to do this. Ask a governance administrator if you think you should be.
            401 | unauthorized           | Your session has ended. Sign in again.
            """)
    void knownProblemsAreSaidInThePortalsOwnWords(int status, String problem, String message) {
        var refusal = refusal(status, problem);

        assertThat(refusal.is(problem)).isTrue();
        assertThat(refusal.plainMessage()).isEqualTo(message);
    }

    @Test
    void changedEvidenceSaysNothingWasRecordedAndToDecideAgain() {
        assertThat(refusal(409, "evidence-changed").plainMessage())
                .isEqualTo("The evidence changed since you opened this decision, so your decision was not recorded:"
                        + " it would have been bound to evidence that no longer holds. Reload the decision, look at"
                        + " the new evidence and decide again.");
    }

    @Test
    void aWithdrawnTaskSaysWhatChangedInTheServicesWords() {
        assertThat(refusal(409, "task-withdrawn").plainMessage())
                .isEqualTo("This decision was withdrawn before anyone decided, because its evidence changed."
                        + " Nothing was recorded. The service says: the service's own words");
        assertThat(new ServiceRefusal(409, "/problems/task-withdrawn", "Conflict", null, List.of()).plainMessage())
                .isEqualTo("This decision was withdrawn before anyone decided, because its evidence changed."
                        + " Nothing was recorded.");
    }

    @Test
    void aStaleRollbackSaysThatWhatServesChanged() {
        assertThat(refusal(409, "stale-rollback").plainMessage())
                .startsWith("What serves this model changed since the page was loaded")
                .contains("Nothing was changed.");
    }

    @Test
    void anyOtherProblemIsSaidInTheServicesDetail() {
        var refusal = new ServiceRefusal(409, "/problems/serving-version", "Conflict",
                "v2 serves traffic; roll back before retiring it", List.of());

        assertThat(refusal.plainMessage()).isEqualTo("v2 serves traffic; roll back before retiring it");
    }

    @Test
    void withoutADetailTheTitleIsSaid() {
        var refusal = new ServiceRefusal(409, "/problems/no-previous-champion", "No previous champion", " ",
                List.of());

        assertThat(refusal.plainMessage()).isEqualTo("No previous champion");
    }

    @Test
    void theFirstFieldErrorIsNamed() {
        var refusal = new ServiceRefusal(400, "/problems/invalid-request", "Bad Request", "the request is invalid",
                List.of(new ServiceRefusal.FieldError("reason", "required", "must not be blank"),
                        new ServiceRefusal.FieldError("version", "min", "must be at least 1")));
        var whole = new ServiceRefusal(400, "/problems/invalid-request", "Bad Request", "the request is invalid",
                List.of(new ServiceRefusal.FieldError("", "json", "the body is not JSON")));

        assertThat(refusal.plainMessage()).isEqualTo("the request is invalid (reason: must not be blank)");
        assertThat(whole.plainMessage()).isEqualTo("the request is invalid (the body is not JSON)");
    }

    @Test
    void withNothingToSayTheStatusIsSaid() {
        var refusal = new ServiceRefusal(422, null, null, null, null);

        assertThat(refusal.type()).isEqualTo("about:blank");
        assertThat(refusal.plainMessage()).isEqualTo("The governance service refused the request (422).");
    }

    @Test
    void aBodyWithoutProblemFieldsStillSaysTheStatus() {
        // What the HTTP client builds from an empty or non-JSON error body, e.g. a proxy's 502 page.
        var refusal = new ServiceRefusal(502, "", "", "", List.of());

        assertThat(refusal.plainMessage()).isEqualTo("The governance service refused the request (502).");
    }

    @Test
    void isMatchesOnlyTheWholeProblemType() {
        var refusal = refusal(409, "task-already-decided");

        assertThat(refusal.is("task-already-decided")).isTrue();
        assertThat(refusal.is("already-decided")).isFalse();
        assertThat(refusal.is("task-not-found")).isFalse();
        assertThat(new ServiceRefusal(409, "https://example.org/problems/task-already-decided", null, null, null)
                .is("task-already-decided")).isFalse();
    }
}
