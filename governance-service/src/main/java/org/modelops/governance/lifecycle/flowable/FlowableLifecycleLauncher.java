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
import org.modelops.governance.workflow.DeployedWorkflows;
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
    private final DeployedWorkflows workflows;

    FlowableLifecycleLauncher(RuntimeService runtime, VersionLifecycle lifecycle, DeployedWorkflows workflows) {
        this.runtime = runtime;
        this.lifecycle = lifecycle;
        this.workflows = workflows;
    }

    @Override
    public String launch(RegisteredModel model, ModelVersion version) {
        var name = version.model().value();
        var policy = lifecycle.governingPolicy(name, model.riskTier().name());
        var facts = variables(policy.name(), policy.version(), policy.policy());
        facts.putAll(Map.of(LifecycleVariables.MODEL, name, LifecycleVariables.VERSION, version.version(),
                LifecycleVariables.RISK_TIER, model.riskTier().name(), LifecycleVariables.SUBMITTED_BY,
                version.submittedBy(), LifecycleVariables.OWNER_TEAM, model.ownerTeam()));
        var start = runtime.createProcessInstanceBuilder();
        workflows.definitionId(PROCESS_KEY).ifPresentOrElse(start::processDefinitionId,
                () -> start.processDefinitionKey(PROCESS_KEY));
        var instance = start
                .businessKey(name + "/" + version.version())
                .variables(LifecycleVariables.starting(facts))
                .start();
        lifecycle.pinPolicy(name, version.version(), policy, instance.getProcessInstanceId());
        return instance.getProcessInstanceId();
    }

    /** The pinned policy's facts a lifecycle runs on ({@link LifecycleVariables#TERMS}). */
    static Map<String, Object> variables(String policyName, int policyVersion, Policy policy) {
        var variables = new LinkedHashMap<String, Object>();
        variables.put(LifecycleVariables.POLICY, policyName);
        variables.put(LifecycleVariables.POLICY_VERSION, policyVersion);
        var approvals = policy.approvals();
        variables.put(LifecycleVariables.APPROVALS_REQUIRED, approvals.count());
        variables.put(LifecycleVariables.APPROVER_ROLES, String.join(",", approvals.roles()));
        variables.put(LifecycleVariables.APPROVAL_REMINDER_AFTER,
                (approvals.reminderAfter() == null ? NEVER : approvals.reminderAfter()).toString());
        variables.put(LifecycleVariables.APPROVAL_ESCALATE_AFTER,
                (approvals.escalateAfter() == null ? NEVER : approvals.escalateAfter()).toString());
        variables.put(LifecycleVariables.ROLLOUT_STRATEGY, policy.rollout().strategy().name());
        var steps = new ArrayList<HashMap<String, Object>>();
        for (var step : policy.rollout().steps()) {
            var map = new HashMap<String, Object>();
            map.put("percent", step.percent());
            map.put("bake", step.bake().toString());
            steps.add(map);
        }
        variables.put(LifecycleVariables.ROLLOUT_STEPS, steps);
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
