package org.modelops.governance.lifecycle.flowable;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowable.engine.RuntimeService;
import org.modelops.governance.lifecycle.VersionLifecycle;
import org.modelops.governance.policy.model.Policy;
import org.modelops.governance.registry.LifecycleLauncher;
import org.modelops.governance.registry.model.ModelVersion;
import org.modelops.governance.registry.model.RegisteredModel;
import org.modelops.governance.workflow.LifecycleVariables;

/**
 * Starts a version's lifecycle with the policy that governs its model now, pinned for the lifecycle's whole life:
 * its name, version and what the BPMN needs from it become process variables.
 */
@Singleton
final class FlowableLifecycleLauncher implements LifecycleLauncher {

    static final String PROCESS_KEY = "modelVersionLifecycle";
    private static final Duration NEVER = Duration.ofDays(3650);

    private final RuntimeService runtime;
    private final VersionLifecycle lifecycle;

    FlowableLifecycleLauncher(RuntimeService runtime, VersionLifecycle lifecycle) {
        this.runtime = runtime;
        this.lifecycle = lifecycle;
    }

    @Override
    public String launch(RegisteredModel model, ModelVersion version) {
        var name = version.model().value();
        var policy = lifecycle.governingPolicy(name, model.riskTier().name());
        var variables = variables(policy.name(), policy.version(), policy.policy());
        variables.putAll(Map.of("model", name, "version", version.version(), "riskTier", model.riskTier().name(),
                "submittedBy", version.submittedBy(), "ownerTeam", model.ownerTeam()));
        var instance = runtime.createProcessInstanceBuilder()
                .processDefinitionKey(PROCESS_KEY)
                .businessKey(name + "/" + version.version())
                .variables(variables)
                .start();
        lifecycle.pinPolicy(name, version.version(), policy, instance.getProcessInstanceId());
        return instance.getProcessInstanceId();
    }

    static Map<String, Object> variables(String policyName, int policyVersion, Policy policy) {
        var variables = new LinkedHashMap<String, Object>();
        variables.put("policy", policyName);
        variables.put("policyVersion", policyVersion);
        var approvals = policy.approvals();
        variables.put("approvalsRequired", approvals.count());
        variables.put("approverRoles", String.join(",", approvals.roles()));
        variables.put("approvalReminderAfter", (approvals.reminderAfter() == null ? NEVER : approvals.reminderAfter())
                .toString());
        variables.put("approvalEscalateAfter", (approvals.escalateAfter() == null ? NEVER : approvals.escalateAfter())
                .toString());
        variables.put("approvals", 0);
        variables.put("rolloutStrategy", policy.rollout().strategy().name());
        var steps = new ArrayList<HashMap<String, Object>>();
        for (var step : policy.rollout().steps()) {
            var map = new HashMap<String, Object>();
            map.put("percent", step.percent());
            map.put("bake", step.bake().toString());
            steps.add(map);
        }
        variables.put("rolloutSteps", steps);
        var monitoring = policy.monitoring();
        var recertifyEvery = monitoring == null || monitoring.recertifyEvery() == null
                ? NEVER
                : monitoring.recertifyEvery();
        variables.put(LifecycleVariables.RECERTIFY_CYCLE, "R/" + recertifyEvery);
        variables.put(LifecycleVariables.RECERTIFY_DUE_WITHIN, (monitoring == null
                ? Policy.Monitoring.DEFAULT_RECERTIFY_DUE_WITHIN
                : monitoring.recertifyDueWithin()).toString());
        return variables;
    }
}
