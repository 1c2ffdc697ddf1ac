package org.modelops.governance.approval.flowable;

import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowable.engine.HistoryService;
import org.flowable.engine.TaskService;
import org.flowable.identitylink.api.IdentityLinkType;
import org.flowable.task.api.NativeTaskQuery;
import org.flowable.task.api.Task;
import org.modelops.governance.approval.ApprovalTask;
import org.modelops.governance.approval.ApprovalTasks;
import org.modelops.governance.approval.Inbox;
import org.modelops.governance.approval.Withdrawal;
import org.modelops.governance.shared.Page;
import org.modelops.governance.shared.PageRequest;
import org.modelops.governance.workflow.LifecycleVariables;

@Singleton
final class FlowableApprovalTasks implements ApprovalTasks {

    static final String TASK_KEY = "approvePromotion";
    /** The role an escalated decision is offered to as well ({@link ApprovalTask#escalated}). */
    static final String ESCALATION_ROLE = "governance-admin";

    private final TaskService tasks;
    private final HistoryService history;

    FlowableApprovalTasks(TaskService tasks, HistoryService history) {
        this.tasks = tasks;
        this.history = history;
    }

    @Override
    public Optional<ApprovalTask> open(String taskId) {
        return Optional.ofNullable(tasks.createTaskQuery().taskId(taskId).taskDefinitionKey(TASK_KEY)
                .includeProcessVariables().includeIdentityLinks().singleResult()).map(FlowableApprovalTasks::of);
    }

    @Override
    public List<ApprovalTask> openFor(List<String> roles) {
        if (roles.isEmpty()) {
            return List.of();
        }
        return tasks.createTaskQuery().taskDefinitionKey(TASK_KEY).taskCandidateGroupIn(roles).active()
                .includeProcessVariables().includeIdentityLinks().orderByTaskCreateTime().asc().list().stream()
                .map(FlowableApprovalTasks::of).toList();
    }

    /**
     * The inbox in SQL over the engine's runtime tables and the registry's: the task, its process's variables
     * {@code model}, {@code version}, {@code submittedBy}, {@code ownerTeam} and {@code riskTier} (what the rules read
     * today), a candidate-group link to one of the roles, the version row and the person's decisions on its current
     * evidence. The page's tasks are then read through the engine with their variables and links.
     */
    @Override
    public Page<ApprovalTask> waitingFor(Inbox inbox, PageRequest page) {
        if (inbox.roles().isEmpty()) {
            return new Page<>(List.of(), 0, page.page(), page.size());
        }
        var parameters = new LinkedHashMap<String, Object>();
        var from = new StringBuilder(" FROM ACT_RU_TASK RES"
                + variable("VM", LifecycleVariables.MODEL) + variable("VV", LifecycleVariables.VERSION)
                + optionalVariable("VS", LifecycleVariables.SUBMITTED_BY)
                + optionalVariable("VO", LifecycleVariables.OWNER_TEAM)
                + optionalVariable("VR", LifecycleVariables.RISK_TIER)
                + " JOIN registered_models M ON M.name = VM.TEXT_"
                + " JOIN model_versions V ON V.model_id = M.id AND V.version = VV.LONG_"
                + " WHERE RES.TASK_DEF_KEY_ = #{taskKey} AND RES.SUSPENSION_STATE_ = 1"
                + " AND EXISTS (SELECT 1 FROM ACT_RU_IDENTITYLINK L WHERE L.TASK_ID_ = RES.ID_"
                + " AND L.TYPE_ = 'candidate' AND L.GROUP_ID_ IN (");
        parameters.put("taskKey", TASK_KEY);
        in(from, parameters, "role", inbox.roles());
        from.append("))");
        from.append(" AND (VS.TEXT_ IS NULL OR VS.TEXT_ <> #{username})");
        parameters.put("username", inbox.username());
        if (!inbox.teams().isEmpty()) {
            from.append(" AND (VO.TEXT_ IS NULL OR VO.TEXT_ NOT IN (");
            in(from, parameters, "team", inbox.teams());
            from.append("))");
        }
        from.append(" AND NOT EXISTS (SELECT 1 FROM approval_decisions D WHERE D.version_id = V.id"
                + " AND D.decided_by = #{subject} AND D.evidence_sha256 = V.evidence_sha256)");
        parameters.put("subject", inbox.subject());
        if (inbox.model() != null) {
            from.append(" AND VM.TEXT_ = #{model}");
            parameters.put("model", inbox.model());
        }
        if (inbox.taskId() != null) {
            from.append(" AND RES.ID_ = #{taskId}");
            parameters.put("taskId", inbox.taskId());
        }
        if (inbox.escalated() != null) {
            from.append(inbox.escalated() ? " AND" : " AND NOT").append(" EXISTS (SELECT 1 FROM ACT_RU_IDENTITYLINK E"
                    + " WHERE E.TASK_ID_ = RES.ID_ AND E.TYPE_ = 'candidate' AND E.GROUP_ID_ = #{escalationRole})");
            parameters.put("escalationRole", ESCALATION_ROLE);
        }
        if (inbox.riskTier() != null) {
            from.append(" AND VR.TEXT_ = #{riskTier}");
            parameters.put("riskTier", inbox.riskTier());
        }
        long total = nativeQuery(parameters).sql("SELECT count(*)" + from).count();
        if (total == 0 || page.offset() >= total) {
            return new Page<>(List.of(), total, page.page(), page.size());
        }
        var ids = nativeQuery(parameters).sql("SELECT RES.*" + from + " ORDER BY RES.CREATE_TIME_, RES.ID_")
                .listPage((int) page.offset(), page.size()).stream().map(Task::getId).toList();
        var byId = new HashMap<String, ApprovalTask>();
        tasks.createTaskQuery().taskIds(ids).includeProcessVariables().includeIdentityLinks().list()
                .forEach(task -> byId.put(task.getId(), of(task)));
        var items = ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        return new Page<>(items, total, page.page(), page.size());
    }

    private NativeTaskQuery nativeQuery(Map<String, Object> parameters) {
        var query = tasks.createNativeTaskQuery();
        parameters.forEach(query::parameter);
        return query;
    }

    private static String variable(String alias, String name) {
        return " JOIN ACT_RU_VARIABLE " + alias + " ON " + alias + ".EXECUTION_ID_ = RES.PROC_INST_ID_ AND "
                + alias + ".TASK_ID_ IS NULL AND " + alias + ".NAME_ = '" + name + "'";
    }

    private static String optionalVariable(String alias, String name) {
        return " LEFT" + variable(alias, name);
    }

    private static void in(StringBuilder sql, Map<String, Object> parameters, String prefix, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("#{").append(prefix).append(i).append('}');
            parameters.put(prefix + i, values.get(i));
        }
    }

    @Override
    public void complete(String taskId, Map<String, Object> variables) {
        tasks.complete(taskId, variables);
    }

    @Override
    public Optional<Withdrawal> withdrawn(String taskId) {
        var ended = history.createHistoricTaskInstanceQuery().taskId(taskId).taskDefinitionKey(TASK_KEY).finished()
                .singleResult();
        if (ended == null || ended.getDeleteReason() == null) {
            return Optional.empty();
        }
        var lifecycle = history.createHistoricProcessInstanceQuery().processInstanceId(ended.getProcessInstanceId())
                .singleResult();
        var key = lifecycle == null || lifecycle.getBusinessKey() == null ? null : lifecycle.getBusinessKey();
        int slash = key == null ? -1 : key.lastIndexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        return Optional.of(new Withdrawal(key.substring(0, slash), Integer.parseInt(key.substring(slash + 1)),
                ended.getProcessInstanceId(), ended.getEndTime().toInstant(), ended.getDeleteReason()));
    }

    private static ApprovalTask of(Task task) {
        var variables = task.getProcessVariables();
        var roles = task.getIdentityLinks().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(link -> link.getGroupId()).distinct().sorted().toList();
        return new ApprovalTask(task.getId(), task.getName(),
                LifecycleVariables.string(variables, LifecycleVariables.MODEL),
                LifecycleVariables.number(variables, LifecycleVariables.VERSION),
                LifecycleVariables.string(variables, LifecycleVariables.SUBMITTED_BY),
                LifecycleVariables.string(variables, LifecycleVariables.OWNER_TEAM),
                LifecycleVariables.string(variables, LifecycleVariables.RISK_TIER), roles,
                task.getCreateTime().toInstant(),
                LifecycleVariables.number(variables, LifecycleVariables.APPROVALS_REQUIRED),
                LifecycleVariables.number(variables, LifecycleVariables.APPROVALS), task.getProcessInstanceId(),
                LifecycleVariables.string(variables, LifecycleVariables.EVIDENCE_CHANGE));
    }
}
