package org.modelops.governance.events.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelops.governance.shared.FieldViolation;

class EventFilterTest {

    @Test
    void noTypesAndNoModelsMatchEveryEvent() {
        var all = new EventFilter(List.of(), List.of());

        assertThat(all.matches("org.modelops.version.submitted", "credit-risk")).isTrue();
        assertThat(all.matches("org.modelops.policy.published", null)).isTrue();
    }

    @Test
    void anExactTypeMatchesOnlyItself() {
        var filter = new EventFilter(List.of("org.modelops.version.submitted"), List.of());

        assertThat(filter.matches("org.modelops.version.submitted", "credit-risk")).isTrue();
        assertThat(filter.matches("org.modelops.version.submitted-again", "credit-risk")).isFalse();
        assertThat(filter.matches("org.modelops.version.retired", "credit-risk")).isFalse();
    }

    @Test
    void aPrefixMatchesEveryTypeUnderIt() {
        var filter = new EventFilter(List.of("org.modelops.monitoring.*"), List.of());

        assertThat(filter.matches("org.modelops.monitoring.verdict-changed", "m")).isTrue();
        assertThat(filter.matches("org.modelops.monitoring.alert-raised", "m")).isTrue();
        assertThat(filter.matches("org.modelops.monitoringx.verdict-changed", "m")).isFalse();
        assertThat(filter.matches("org.modelops.monitoring", "m")).isFalse();
        assertThat(new EventFilter(List.of("org.modelops.*"), List.of()).matches("org.modelops.rollout.step", "m"))
                .isTrue();
    }

    @Test
    void anyOfSeveralTypesMatches() {
        var filter = new EventFilter(List.of("org.modelops.version.retired", "org.modelops.approval.*"), List.of());

        assertThat(filter.matches("org.modelops.approval.decided", "m")).isTrue();
        assertThat(filter.matches("org.modelops.version.retired", "m")).isTrue();
        assertThat(filter.matches("org.modelops.rollout.step", "m")).isFalse();
    }

    @Test
    void modelNamesMatchOnlyTheirModelsAndNeverAnEventAboutNoModel() {
        var filter = new EventFilter(List.of(), List.of("credit-risk", "churn"));

        assertThat(filter.matches("org.modelops.version.submitted", "churn")).isTrue();
        assertThat(filter.matches("org.modelops.version.submitted", "fraud")).isFalse();
        assertThat(filter.matches("org.modelops.policy.published", null)).isFalse();
    }

    @Test
    void typesAndModelsMustBothMatch() {
        var filter = new EventFilter(List.of("org.modelops.rollout.*"), List.of("churn"));

        assertThat(filter.matches("org.modelops.rollout.step", "churn")).isTrue();
        assertThat(filter.matches("org.modelops.rollout.step", "fraud")).isFalse();
        assertThat(filter.matches("org.modelops.version.submitted", "churn")).isFalse();
    }

    @Test
    void malformedTypesAndModelsAreNamedByTheirIndex() {
        var violations = EventFilter.violations(
                List.of("org.modelops.version.submitted", "com.other.thing", "org.modelops.monitoring*",
                        "org.modelops.*"),
                List.of("credit-risk", "Credit_Risk"));

        assertThat(violations).extracting(FieldViolation::field, FieldViolation::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple("types[1]", "pattern"),
                org.assertj.core.groups.Tuple.tuple("types[2]", "pattern"),
                org.assertj.core.groups.Tuple.tuple("models[1]", "pattern"));
        assertThat(violations.getFirst().message()).contains("com.other.thing");
    }
}
