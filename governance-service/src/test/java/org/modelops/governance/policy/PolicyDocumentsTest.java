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

    private static final String SIGNALS = MONITORED + """
              dataQuality:
                window: PT1H
                minSample: 500
                missingRate: { warn: 0.05, breach: 0.1 }
                outOfRangeRate: { warn: 0.02, breach: 0.05 }
                unseenCategoryRate: { warn: 0.02, breach: 0.05 }
                minRecords: { warn: 1000, breach: 100 }
                consecutive: { breaches: 2, of: 3 }
                onBreach: [alert, review]
              performance:
                window: P1D
                labelDelay: P7D
                minSample: 500
                coverage: 0.5
                decisionThreshold: 0.4
                kpis:
                  auc: { warn: 0.8, breach: 0.75 }
                  f1: { warn: 0.7, breach: 0.65 }
                fairness:
                  - { metric: recall, slice: gender, maxGap: { warn: 0.05, breach: 0.1 } }
                consecutive: { breaches: 2, of: 3 }
                onBreach: [alert, rollback]
              service:
                window: PT1H
                minSample: 100
                errorRate: { warn: 0.01, breach: 0.05 }
                latencyP95Ms: { warn: 200, breach: 500 }
                latencyP99Ms: { warn: 500, breach: 1000 }
                consecutive: { breaches: 1, of: 1 }
                onBreach: [alert, rollback]
            """;

    @Test
    void everySignalIsRead() {
        var monitoring = documents.parse(SIGNALS).monitoring();

        var quality = monitoring.dataQuality();
        assertThat(quality.window()).isEqualTo(Duration.ofHours(1));
        assertThat(quality.missingRate()).isEqualTo(new Policy.Levels(0.05, 0.1));
        assertThat(quality.minRecords()).isEqualTo(new Policy.Levels(1000, 100));
        var performance = monitoring.performance();
        assertThat(performance.labelDelay()).isEqualTo(Duration.ofDays(7));
        assertThat(performance.coverage()).isEqualTo(0.5);
        assertThat(performance.threshold()).isEqualTo(0.4);
        assertThat(performance.classification()).isTrue();
        assertThat(performance.kpis()).containsEntry("auc", new Policy.Levels(0.8, 0.75));
        assertThat(performance.fairness()).containsExactly(
                new Policy.FairnessGap("recall", "gender", new Policy.Levels(0.05, 0.1)));
        assertThat(performance.onBreach()).containsExactly("alert", "rollback");
        var service = monitoring.service();
        assertThat(service.latencyP99Ms()).isEqualTo(new Policy.Levels(500, 1000));
        assertThat(service.onBreach()).containsExactly("alert", "rollback");
    }

    @Test
    void everyShippedPolicyWatchesEverySignal() {
        ClasspathFolder.read("policies", ".yaml").forEach((file, bytes) -> {
            var monitoring = documents.parse(new String(bytes, StandardCharsets.UTF_8)).monitoring();
            assertThat(monitoring.dataQuality()).as(file).isNotNull();
            assertThat(monitoring.performance()).as(file).isNotNull();
            assertThat(monitoring.service()).as(file).isNotNull();
        });
    }

    @Test
    void theDecisionThresholdIsAHalfUnlessGiven() {
        assertThat(documents.parse(SIGNALS.replace("    decisionThreshold: 0.4\n", "")).monitoring().performance()
                .threshold()).isEqualTo(0.5);
    }

    @Test
    void driftMayAskForRetraining() {
        assertThat(documents.parse(MONITORED.replace("[alert, review]", "[alert, retrain]")).monitoring().drift()
                .onBreach()).containsExactly("alert", "retrain");
    }

    @Test
    void aRollbackOnDataQualityIsRefused() {
        var violation = refusal(SIGNALS.replace(
                "    consecutive: { breaches: 2, of: 3 }\n    onBreach: [alert, review]\n  performance:",
                "    consecutive: { breaches: 2, of: 3 }\n    onBreach: [review, rollback]\n  performance:"));

        assertThat(violation.field()).isEqualTo("monitoring.dataQuality.onBreach[1]");
        assertThat(violation.rule()).isEqualTo("no-rollback-on-data-quality");
    }

    @Test
    void dataQualityWithoutAnyCheckIsRefused() {
        var violation = refusal(SIGNALS.replace("    missingRate: { warn: 0.05, breach: 0.1 }\n", "")
                .replace("    outOfRangeRate: { warn: 0.02, breach: 0.05 }\n", "")
                .replace("    unseenCategoryRate: { warn: 0.02, breach: 0.05 }\n", "")
                .replace("    minRecords: { warn: 1000, breach: 100 }\n", ""));

        assertThat(violation.field()).isEqualTo("monitoring.dataQuality");
        assertThat(violation.rule()).isEqualTo("required");
    }

    @Test
    void aRateLevelAboveOneIsRefused() {
        var violation = refusal(SIGNALS.replace("missingRate: { warn: 0.05, breach: 0.1 }",
                "missingRate: { warn: 0.05, breach: 1.5 }"));

        assertThat(violation.field()).isEqualTo("monitoring.dataQuality.missingRate.breach");
        assertThat(violation.rule()).isEqualTo("maximum");
    }

    @Test
    void aRateWarnLevelAtOrAboveItsBreachLevelIsRefused() {
        var violation = refusal(SIGNALS.replace("outOfRangeRate: { warn: 0.02, breach: 0.05 }",
                "outOfRangeRate: { warn: 0.05, breach: 0.05 }"));

        assertThat(violation.field()).isEqualTo("monitoring.dataQuality.outOfRangeRate.warn");
        assertThat(violation.rule()).isEqualTo("warn-below-breach");
    }

    @Test
    void aVolumeWarnLevelAtOrBelowItsBreachLevelIsRefused() {
        var violation = refusal(SIGNALS.replace("minRecords: { warn: 1000, breach: 100 }",
                "minRecords: { warn: 100, breach: 1000 }"));

        assertThat(violation.field()).isEqualTo("monitoring.dataQuality.minRecords.warn");
        assertThat(violation.rule()).isEqualTo("warn-above-breach");
        assertThat(violation.message()).contains("lower value is worse");
    }

    @Test
    void aDataQualityWindowShorterThanAMinuteIsRefused() {
        var violation = refusal(
                SIGNALS.replace("  dataQuality:\n    window: PT1H", "  dataQuality:\n    window: PT10S"));

        assertThat(violation.field()).isEqualTo("monitoring.dataQuality.window");
        assertThat(violation.rule()).isEqualTo("window");
    }

    @Test
    void moreDataQualityBreachesThanWindowsIsRefused() {
        var violation = refusal(SIGNALS.replace(
                "    consecutive: { breaches: 2, of: 3 }\n    onBreach: [alert, review]\n  performance:",
                "    consecutive: { breaches: 5, of: 3 }\n    onBreach: [alert, review]\n  performance:"));

        assertThat(violation.field()).isEqualTo("monitoring.dataQuality.consecutive.breaches");
        assertThat(violation.rule()).isEqualTo("breaches-of");
    }

    @Test
    void aKpiWarnLevelAtOrBelowItsBreachLevelIsRefused() {
        var violation = refusal(
                SIGNALS.replace("auc: { warn: 0.8, breach: 0.75 }", "auc: { warn: 0.7, breach: 0.75 }"));

        assertThat(violation.field()).isEqualTo("monitoring.performance.kpis.auc.warn");
        assertThat(violation.rule()).isEqualTo("warn-above-breach");
    }

    @Test
    void aClassificationKpiLevelAboveOneIsRefused() {
        var violation = refusal(SIGNALS.replace("f1: { warn: 0.7, breach: 0.65 }", "f1: { warn: 1.2, breach: 0.65 }"));

        assertThat(violation.field()).isEqualTo("monitoring.performance.kpis.f1.warn");
        assertThat(violation.rule()).isEqualTo("maximum");
    }

    private static final String REGRESSION = SIGNALS.replace("""
                  auc: { warn: 0.8, breach: 0.75 }
                  f1: { warn: 0.7, breach: 0.65 }
            """, """
                  mae: { warn: 12.5, breach: 20 }
                  rmse: { warn: 15, breach: 25 }
            """).replace("metric: recall, slice: gender, maxGap: { warn: 0.05, breach: 0.1 }",
            "metric: mae, slice: gender, maxGap: { warn: 3, breach: 5 }");

    @Test
    void regressionKpisAreErrorsWhereHigherIsWorse() {
        var performance = documents.parse(REGRESSION).monitoring().performance();

        assertThat(performance.classification()).isFalse();
        assertThat(performance.kpis()).containsEntry("mae", new Policy.Levels(12.5, 20));
        assertThat(Policy.Performance.higherIsWorse("rmse")).isTrue();
        assertThat(Policy.Performance.higherIsWorse("auc")).isFalse();
    }

    @Test
    void aRegressionKpiWarnLevelAtOrAboveItsBreachLevelIsRefused() {
        var violation = refusal(REGRESSION.replace("mae: { warn: 12.5, breach: 20 }", "mae: { warn: 30, breach: 20 }"));

        assertThat(violation.field()).isEqualTo("monitoring.performance.kpis.mae.warn");
        assertThat(violation.rule()).isEqualTo("warn-below-breach");
    }

    @Test
    void classificationAndRegressionKpisCannotBeMixed() {
        var violation = refusal(SIGNALS.replace("f1: { warn: 0.7, breach: 0.65 }", "mae: { warn: 1, breach: 2 }"));

        assertThat(violation.field()).isEqualTo("monitoring.performance.kpis");
        assertThat(violation.rule()).isEqualTo("kpi-kind");
    }

    @Test
    void aFairnessMetricOfTheOtherKindIsRefused() {
        var violation = refusal(REGRESSION.replace("metric: mae, slice", "metric: recall, slice")
                .replace("maxGap: { warn: 3, breach: 5 }", "maxGap: { warn: 0.05, breach: 0.1 }"));

        assertThat(violation.rule()).isEqualTo("kpi-kind");
    }

    @Test
    void performanceWithoutKpisOrFairnessIsRefused() {
        var violation = refusal(SIGNALS.replace("""
                    kpis:
                      auc: { warn: 0.8, breach: 0.75 }
                      f1: { warn: 0.7, breach: 0.65 }
                    fairness:
                      - { metric: recall, slice: gender, maxGap: { warn: 0.05, breach: 0.1 } }
                """, ""));

        assertThat(violation.field()).isEqualTo("monitoring.performance.kpis");
        assertThat(violation.rule()).isEqualTo("required");
    }

    @Test
    void aFairnessGapWarnLevelAtOrAboveItsBreachLevelIsRefused() {
        var violation = refusal(SIGNALS.replace("maxGap: { warn: 0.05, breach: 0.1 }",
                "maxGap: { warn: 0.2, breach: 0.1 }"));

        assertThat(violation.field()).isEqualTo("monitoring.performance.fairness[0].maxGap.warn");
        assertThat(violation.rule()).isEqualTo("warn-below-breach");
    }

    @Test
    void aClassificationFairnessGapAboveOneIsRefused() {
        var violation = refusal(SIGNALS.replace("maxGap: { warn: 0.05, breach: 0.1 }",
                "maxGap: { warn: 0.05, breach: 2 }"));

        assertThat(violation.field()).isEqualTo("monitoring.performance.fairness[0].maxGap.breach");
        assertThat(violation.rule()).isEqualTo("maximum");
    }

    @Test
    void aLabelDelayOfNoTimeIsRefused() {
        var violation = refusal(SIGNALS.replace("labelDelay: P7D", "labelDelay: PT0S"));

        assertThat(violation.field()).isEqualTo("monitoring.performance.labelDelay");
        assertThat(violation.rule()).isEqualTo("duration");
    }

    @Test
    void aPerformanceWindowShorterThanAMinuteIsRefused() {
        assertThat(refusal(SIGNALS.replace("  performance:\n    window: P1D", "  performance:\n    window: PT1.5S"))
                .field()).isEqualTo("monitoring.performance.window");
    }

    @Test
    void moreKpiBreachesThanWindowsIsRefused() {
        assertThat(refusal(SIGNALS.replace("    consecutive: { breaches: 2, of: 3 }\n    onBreach: [alert, rollback]",
                "    consecutive: { breaches: 4, of: 3 }\n    onBreach: [alert, rollback]")).field())
                .isEqualTo("monitoring.performance.consecutive.breaches");
    }

    @Test
    void anUnknownKpiIsRefused() {
        assertThat(refusal(SIGNALS.replace("f1: { warn: 0.7", "logloss: { warn: 0.7")).field())
                .startsWith("monitoring.performance.kpis");
    }

    @Test
    void aCoverageAboveOneIsRefused() {
        assertThat(refusal(SIGNALS.replace("coverage: 0.5", "coverage: 1.5")).field())
                .isEqualTo("monitoring.performance.coverage");
    }

    @Test
    void performanceWithoutALabelDelayIsRefused() {
        var violation = refusal(SIGNALS.replace("    labelDelay: P7D\n", ""));

        assertThat(violation.field()).isEqualTo("monitoring.performance.labelDelay");
        assertThat(violation.rule()).isEqualTo("required");
    }

    @Test
    void serviceWithoutAnyCheckIsRefused() {
        var violation = refusal(SIGNALS.replace("    errorRate: { warn: 0.01, breach: 0.05 }\n", "")
                .replace("    latencyP95Ms: { warn: 200, breach: 500 }\n", "")
                .replace("    latencyP99Ms: { warn: 500, breach: 1000 }\n", ""));

        assertThat(violation.field()).isEqualTo("monitoring.service");
        assertThat(violation.rule()).isEqualTo("required");
    }

    @Test
    void anErrorRateAboveOneIsRefused() {
        assertThat(refusal(SIGNALS.replace("errorRate: { warn: 0.01, breach: 0.05 }",
                "errorRate: { warn: 0.01, breach: 5 }")).rule()).isEqualTo("maximum");
    }

    @Test
    void aLatencyWarnLevelAtOrAboveItsBreachLevelIsRefused() {
        var violation = refusal(SIGNALS.replace("latencyP95Ms: { warn: 200, breach: 500 }",
                "latencyP95Ms: { warn: 600, breach: 500 }"));

        assertThat(violation.field()).isEqualTo("monitoring.service.latencyP95Ms.warn");
        assertThat(violation.rule()).isEqualTo("warn-below-breach");
    }

    @Test
    void aServiceWindowShorterThanAMinuteIsRefused() {
        assertThat(refusal(SIGNALS.replace("  service:\n    window: PT1H", "  service:\n    window: PT59S")).field())
                .isEqualTo("monitoring.service.window");
    }

    @Test
    void moreServiceBreachesThanWindowsIsRefused() {
        assertThat(
                refusal(SIGNALS.replace("consecutive: { breaches: 1, of: 1 }", "consecutive: { breaches: 2, of: 1 }"))
                        .field())
                .isEqualTo("monitoring.service.consecutive.breaches");
    }

    @Test
    void aLatencyLevelsMayExceedOne() {
        assertThat(documents.parse(SIGNALS).monitoring().service().latencyP95Ms().breach()).isEqualTo(500);
    }
}
