package org.modelops.governance.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowable.common.engine.impl.el.VariableContainerWrapper;
import org.junit.jupiter.api.Test;

/** A lifecycle's fixed facts as one {@code terms} variable, and the variables of lifecycles started before it. */
class LifecycleVariablesTest {

    private static Map<String, Object> facts() {
        var facts = new LinkedHashMap<String, Object>();
        facts.put(LifecycleVariables.MODEL, "credit-risk");
        facts.put(LifecycleVariables.VERSION, 7);
        facts.put(LifecycleVariables.POLICY, "high-risk");
        facts.put(LifecycleVariables.POLICY_VERSION, 3);
        facts.put(LifecycleVariables.APPROVALS_REQUIRED, 2);
        facts.put(LifecycleVariables.APPROVER_ROLES, "risk-officer,model-validator");
        facts.put(LifecycleVariables.SUBMITTED_BY, "erin");
        var steps = new ArrayList<HashMap<String, Object>>();
        for (var percent : List.of(10, 50)) {
            var step = new HashMap<String, Object>();
            step.put("percent", percent);
            step.put("bake", "PT1H");
            steps.add(step);
        }
        facts.put(LifecycleVariables.ROLLOUT_STEPS, steps);
        return facts;
    }

    @Test
    void aLifecycleStartsWithItsFactsAsOneVariableAndNoApprovals() {
        var variables = LifecycleVariables.starting(facts());
        assertThat(variables).containsOnlyKeys(LifecycleVariables.TERMS, LifecycleVariables.APPROVALS);
        assertThat(variables.get(LifecycleVariables.APPROVALS)).isEqualTo(0);
        var terms = (JsonNode) variables.get(LifecycleVariables.TERMS);
        assertThat(terms.path("approvalsRequired").intValue()).isEqualTo(2);
        assertThat(terms.path("rolloutSteps").get(1).path("percent").intValue()).isEqualTo(50);
    }

    @Test
    void theAccessorsReadTheFactsFromTerms() {
        var container = new VariableContainerWrapper(LifecycleVariables.starting(facts()));
        assertFacts(container);
        assertThat(LifecycleVariables.named(container, LifecycleVariables.APPROVALS)).isEqualTo(0);
        assertThat(LifecycleVariables.named(container, "rolloutStrategy")).isNull();
    }

    @Test
    void theAccessorsReadTheVariablesOfALifecycleStartedBeforeTerms() {
        var container = new VariableContainerWrapper(new HashMap<>(facts()));
        assertFacts(container);
    }

    private static void assertFacts(VariableContainerWrapper container) {
        assertThat(LifecycleVariables.model(container)).isEqualTo("credit-risk");
        assertThat(LifecycleVariables.version(container)).isEqualTo(7);
        assertThat(LifecycleVariables.policy(container)).isEqualTo("high-risk");
        assertThat(LifecycleVariables.policyVersion(container)).isEqualTo(3);
        assertThat(LifecycleVariables.approvalsRequired(container)).isEqualTo(2);
        assertThat(LifecycleVariables.named(container, LifecycleVariables.APPROVER_ROLES))
                .isEqualTo("risk-officer,model-validator");
        var steps = LifecycleVariables.rolloutSteps(container);
        assertThat(steps).extracting(LifecycleVariables::stepPercent).containsExactly(10, 50);
        assertThat(steps)
                .allSatisfy(step -> assertThat(step).isInstanceOf(HashMap.class).containsEntry("bake", "PT1H"));
    }

    @Test
    void aTaskQuerysVariablesAreReadEitherWay() {
        var withTerms = new HashMap<>(LifecycleVariables.starting(facts()));
        withTerms.put(LifecycleVariables.APPROVALS, 1);
        var before = new HashMap<>(facts());
        before.put(LifecycleVariables.APPROVALS, 1);
        for (var variables : List.of(withTerms, before)) {
            assertThat(LifecycleVariables.string(variables, LifecycleVariables.MODEL)).isEqualTo("credit-risk");
            assertThat(LifecycleVariables.number(variables, LifecycleVariables.VERSION)).isEqualTo(7);
            assertThat(LifecycleVariables.number(variables, LifecycleVariables.APPROVALS_REQUIRED)).isEqualTo(2);
            assertThat(LifecycleVariables.number(variables, LifecycleVariables.APPROVALS)).isEqualTo(1);
            assertThat(LifecycleVariables.string(variables, LifecycleVariables.EVIDENCE_CHANGE)).isNull();
            assertThat(LifecycleVariables.roles(variables)).containsExactly("risk-officer", "model-validator");
        }
    }

    @Test
    void aReclassificationReplacesTheFactsWhereTheLifecycleKeepsThem() {
        var changed = Map.<String, Object>of(LifecycleVariables.APPROVALS_REQUIRED, 3,
                LifecycleVariables.RISK_TIER, "HIGH");
        var current = LifecycleVariables.starting(facts()).get(LifecycleVariables.TERMS);

        var replaced = LifecycleVariables.replacing(current, changed);
        assertThat(replaced).containsOnlyKeys(LifecycleVariables.TERMS);
        var container = new VariableContainerWrapper(replaced);
        assertThat(LifecycleVariables.approvalsRequired(container)).isEqualTo(3);
        assertThat(LifecycleVariables.named(container, LifecycleVariables.RISK_TIER)).isEqualTo("HIGH");
        assertThat(LifecycleVariables.model(container)).as("the other facts stay").isEqualTo("credit-risk");
        assertThat(((JsonNode) current).path("approvalsRequired").intValue()).as("a copy is changed").isEqualTo(2);

        assertThat(LifecycleVariables.replacing(null, changed)).as("a lifecycle started before terms")
                .isEqualTo(changed);
    }
}
