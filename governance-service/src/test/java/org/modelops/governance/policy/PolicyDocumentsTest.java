package org.modelops.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.modelops.governance.policy.cel.CelConditionEvaluator;
import org.modelops.governance.policy.model.Policy;
import org.modelops.governance.shared.ClasspathFolder;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.Refusal;
import org.modelops.governance.web.JsonRequests;

class PolicyDocumentsTest {

    private static final String POLICY = """
            name: test-policy
            appliesTo:
              models: [credit-risk]
            fairness:
              - metric: recall
                maxGap: 0.05
            approvals:
              count: 2
              roles: [domain-expert]
              reminderAfter: PT24H
              escalateAfter: PT48H
            rollout:
              strategy: STAGED
              steps:
                - { percent: 10, bake: PT30M }
                - { percent: 50, bake: PT1H }
            """;

    private final PolicyDocuments documents = new PolicyDocuments(new JsonRequests(), new CelConditionEvaluator());

    private FieldViolation refusal(String text) {
        var refusal = catchThrowableOfType(Refusal.class, () -> documents.parse(text));
        assertThat(refusal).as("refused").isNotNull();
        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(refusal.violations()).as(refusal.violations().toString()).hasSize(1);
        return refusal.violations().getFirst();
    }

    @Test
    void aStoredVersionIsParsedOnceAndADifferentTextIsReadAfresh() {
        var first = documents.read(POLICY);
        assertThat(documents.read(POLICY)).as("the same stored text: read once").isSameAs(first);
        var other = documents.read(POLICY.replace("  count: 2\n", "  count: 3\n"));
        assertThat(other).isNotEqualTo(first);
        assertThat(other.approvals()).isNotEqualTo(first.approvals());
    }

    @Test
    void aValidPolicyIsRead() {
        var policy = documents.parse(POLICY);

        assertThat(policy.name()).isEqualTo("test-policy");
        assertThat(policy.approvals().reminderAfter()).isEqualTo(Duration.ofHours(24));
        assertThat(policy.rollout().steps()).extracting(Policy.Rollout.Step::bake)
                .containsExactly(Duration.ofMinutes(30), Duration.ofHours(1));
    }

    @Test
    void everyShippedPolicyIsValid() {
        var files = ClasspathFolder.read("policies", ".yaml");

        assertThat(files).containsKeys("high-risk.yaml", "medium-risk.yaml", "low-risk.yaml");
        files.values().forEach(bytes -> documents.parse(new String(bytes, StandardCharsets.UTF_8)));
    }

    @Test
    void aDuplicateKeyIsRefusedNamingIt() {
        var violation = refusal(POLICY.replace("  count: 2\n", "  count: 2\n  count: 0\n"));

        assertThat(violation.field()).isEqualTo("approvals.count");
        assertThat(violation.rule()).isEqualTo("duplicate-key");
        assertThat(violation.message()).contains("count");
    }

    @Test
    void aDuplicateKeyInAListItemIsRefusedNamingIt() {
        var violation = refusal(
                POLICY.replace("{ percent: 50, bake: PT1H }", "{ percent: 50, bake: PT1H, percent: 60 }"));

        assertThat(violation.field()).isEqualTo("rollout.steps[1].percent");
        assertThat(violation.rule()).isEqualTo("duplicate-key");
    }

    @Test
    void aDuplicateTopLevelKeyIsRefused() {
        var violation = refusal(POLICY + "name: other-policy\n");

        assertThat(violation.field()).isEqualTo("name");
        assertThat(violation.rule()).isEqualTo("duplicate-key");
    }

    @Test
    void aRolloutStrategyTheLifecycleDoesNotImplementIsRefused() {
        var violation = refusal(POLICY.replace("strategy: STAGED", "strategy: CANARY"));

        assertThat(violation.field()).isEqualTo("rollout.strategy");
        assertThat(violation.rule()).isEqualTo("enum");
    }

    @Test
    void aStrategyIsSpelledInCapitals() {
        assertThat(refusal(POLICY.replace("strategy: STAGED", "strategy: staged")).field())
                .isEqualTo("rollout.strategy");
    }

    @Test
    void aDirectRolloutWithStepsIsRefused() {
        var violation = refusal(POLICY.replace("strategy: STAGED", "strategy: DIRECT"));

        assertThat(violation.field()).isEqualTo("rollout.steps");
        assertThat(violation.rule()).isEqualTo("staged-only");
    }

    @Test
    void aZeroBakeTimeIsRefused() {
        var violation = refusal(POLICY.replace("bake: PT30M", "bake: PT0S"));

        assertThat(violation.field()).isEqualTo("rollout.steps[0].bake");
        assertThat(violation.rule()).isEqualTo("duration");
        assertThat(violation.message()).contains("PT0S");
    }

    @Test
    void anEmptyDurationIsRefused() {
        assertThat(refusal(POLICY.replace("reminderAfter: PT24H", "reminderAfter: PT"))).extracting(
                FieldViolation::field, FieldViolation::rule).containsExactly("approvals.reminderAfter", "duration");
        assertThat(refusal(POLICY.replace("escalateAfter: PT48H", "escalateAfter: P"))).extracting(
                FieldViolation::field, FieldViolation::rule).containsExactly("approvals.escalateAfter", "duration");
    }

    @Test
    void aZeroDayDurationIsRefused() {
        assertThat(refusal(POLICY.replace("escalateAfter: PT48H", "escalateAfter: P0D")).field())
                .isEqualTo("approvals.escalateAfter");
    }

    @Test
    void aDurationInWordsIsRefused() {
        var violation = refusal(POLICY.replace("bake: PT1H", "bake: one hour"));

        assertThat(violation.field()).isEqualTo("rollout.steps[1].bake");
        assertThat(violation.rule()).isEqualTo("pattern");
    }

    @Test
    void aFairnessRuleNeedsAGapOrARatio() {
        var violation = refusal(POLICY.replace("    maxGap: 0.05\n", "    requiredSlices: [gender=F]\n"));

        assertThat(violation.rule()).isEqualTo("required");

        assertThat(violation.field()).isEqualTo("fairness[0]");
    }

    @Test
    void aFairnessRuleMayHaveARatioAndRequiredSlices() {
        var policy = documents.parse(POLICY.replace("    maxGap: 0.05\n",
                "    maxGap: 0.05\n    minRatio: 0.8\n    requiredSlices: [gender=F, gender=M]\n"));

        assertThat(policy.fairness()).containsExactly(new Policy.FairnessLimit("recall", 0.05, 0.8,
                java.util.List.of("gender=F", "gender=M")));
    }

    @Test
    void aRatioAboveOneIsRefused() {
        var violation = refusal(POLICY.replace("maxGap: 0.05", "minRatio: 1.25"));

        assertThat(violation.field()).isEqualTo("fairness[0].minRatio");
        assertThat(violation.rule()).isEqualTo("maximum");
    }

    @Test
    void anInfiniteNumberIsRefused() {
        assertThat(refusal(POLICY.replace("maxGap: 0.05", "maxGap: .inf")).rule()).isEqualTo("yaml-syntax");
        var violation = refusal(POLICY.replace("maxGap: 0.05", "maxGap: 1e999"));

        assertThat(violation.field()).as(violation.toString()).isEqualTo("fairness[0].maxGap");
        assertThat(violation.rule()).as("the one check every request body gets").isEqualTo("double-range");
    }

    @Test
    void aSecondYamlDocumentIsRefused() {
        assertThat(refusal(POLICY + "---\nname: other\n").rule()).isEqualTo("yaml-syntax");
    }

    @Test
    void aStoredVersionIsReadAsItWasAppliedWhenItWasPublished() {
        var policy = documents.read(POLICY.replace("  count: 2\n", "  count: 2\n  count: 0\n")
                .replace("bake: PT30M", "bake: PT0S"));

        assertThat(policy.approvals().count()).isZero();
        assertThat(policy.rollout().steps().getFirst().bake()).isEqualTo(Duration.ZERO);
    }

    private static final String MONITORED = POLICY + """
            monitoring:
              drift:
                window: PT1H
                minSample: 1000
                psi: { warn: 0.1, breach: 0.25 }
                jensenShannon: { warn: 0.1, breach: 0.2 }
                consecutive: { breaches: 2, of: 3 }
                onBreach: [alert, review]
            """;

    @Test
    void aPolicyWithoutMonitoringMonitorsNothing() {
        assertThat(documents.parse(POLICY).monitoring()).isNull();
    }

    @Test
    void driftMonitoringIsRead() {
        var drift = documents.parse(MONITORED).monitoring().drift();

        assertThat(drift.window()).isEqualTo(Duration.ofHours(1));
        assertThat(drift.minSample()).isEqualTo(1000);
        assertThat(drift.psi()).isEqualTo(new Policy.Levels(0.1, 0.25));
        assertThat(drift.jensenShannon()).isEqualTo(new Policy.Levels(0.1, 0.2));
        assertThat(drift.consecutive()).isEqualTo(new Policy.Consecutive(2, 3));
        assertThat(drift.onBreach()).containsExactly("alert", "review");
    }

    @Test
    void everyShippedPolicyMonitorsDrift() {
        ClasspathFolder.read("policies", ".yaml").forEach((file, bytes) -> assertThat(
                documents.parse(new String(bytes, StandardCharsets.UTF_8)).monitoring().drift()).as(file).isNotNull());
    }

    @Test
    void aRollbackOnDriftAloneIsRefused() {
        var violation = refusal(MONITORED.replace("onBreach: [alert, review]", "onBreach: [alert, rollback]"));

        assertThat(violation.field()).isEqualTo("monitoring.drift.onBreach[1]");
        assertThat(violation.rule()).isEqualTo("no-rollback-on-drift");
        assertThat(violation.message()).contains("never rolls a version back");
    }

    @Test
    void anActionThatDoesNotExistIsRefused() {
        assertThat(refusal(MONITORED.replace("[alert, review]", "[page]")).field())
                .isEqualTo("monitoring.drift.onBreach[0]");
    }

    @Test
    void aWarnLevelAtOrAboveTheBreachLevelIsRefused() {
        var violation = refusal(
                MONITORED.replace("psi: { warn: 0.1, breach: 0.25 }", "psi: { warn: 0.3, breach: 0.25 }"));

        assertThat(violation.field()).isEqualTo("monitoring.drift.psi.warn");
        assertThat(violation.rule()).isEqualTo("warn-below-breach");
        assertThat(violation.message()).contains("0.3", "0.25");
    }

    @Test
    void aJensenShannonBreachAboveOneIsRefused() {
        assertThat(refusal(MONITORED.replace("breach: 0.2 }", "breach: 1.5 }")).field())
                .isEqualTo("monitoring.drift.jensenShannon.breach");
    }

    @Test
    void moreBreachesThanWindowsIsRefused() {
        var violation = refusal(MONITORED.replace("{ breaches: 2, of: 3 }", "{ breaches: 4, of: 3 }"));

        assertThat(violation.field()).isEqualTo("monitoring.drift.consecutive.breaches");
        assertThat(violation.rule()).isEqualTo("breaches-of");
    }

    @Test
    void aWindowShorterThanAMinuteIsRefused() {
        var violation = refusal(MONITORED.replace("window: PT1H", "window: PT30S"));

        assertThat(violation.field()).isEqualTo("monitoring.drift.window");
        assertThat(violation.message()).contains("PT30S");
    }

    @Test
    void aDriftSectionWithoutItsMinimumSampleIsRefused() {
        var violation = refusal(MONITORED.replace("    minSample: 1000\n", ""));

        assertThat(violation.field()).isEqualTo("monitoring.drift.minSample");
        assertThat(violation.rule()).isEqualTo("required");
    }
}
