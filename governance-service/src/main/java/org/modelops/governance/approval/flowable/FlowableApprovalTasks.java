package org.modelops.governance.approval.flowable;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowable.engine.HistoryService;
import org.flowable.engine.TaskService;
import org.flowable.identitylink.api.IdentityLinkType;
import org.flowable.task.api.Task;
import org.modelops.governance.approval.ApprovalTask;
import org.modelops.governance.approval.ApprovalTasks;
import org.modelops.governance.approval.Inbox;
import org.modelops.governance.approval.InboxPage;
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
    private final JdbcOperations jdbc;

    FlowableApprovalTasks(TaskService tasks, HistoryService history, JdbcOperations jdbc) {
        this.tasks = tasks;
        this.history = history;
        this.jdbc = jdbc;
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
     * The inbox in one SQL statement over the engine's runtime tables and the registry's: the task, the version whose
     * lifecycle is the task's process ({@code model_versions.lifecycle_id}, indexed by V115: an approval task only
     * ever runs in the process its version's submission started — a version that serves again after a rollback gets
     * a serving-phase instance without approvals), its model, a candidate-group link to one of the roles and the
     * person's decisions on the current evidence. The rules read the registry's columns, which hold what the
     * process's variables {@code submittedBy}, {@code ownerTeam} and {@code riskTier} hold (the submission sets both;
     * a reclassification sets both for every open version), instead of three variable lookups per task. The same
     * statement counts them all, the high-risk ones and the escalated ones (window aggregates before the page is
     * cut), so a page costs one pass over the open decisions, however many pages and counts a client shows. The
     * page's tasks are then read through the engine with their variables and links.
     */
    @Override
    public InboxPage waitingFor(Inbox inbox, PageRequest page) {
        if (inbox.roles().isEmpty()) {
            return InboxPage.empty(page);
        }
        var args = new ArrayList<Object>();
        var from = new StringBuilder(" FROM ACT_RU_TASK RES"
                + " JOIN model_versions V ON V.lifecycle_id = RES.PROC_INST_ID_"
                + " JOIN registered_models M ON M.id = V.model_id"
                + " WHERE RES.TASK_DEF_KEY_ = ? AND RES.SUSPENSION_STATE_ = 1"
                + " AND EXISTS (SELECT 1 FROM ACT_RU_IDENTITYLINK L WHERE L.TASK_ID_ = RES.ID_"
                + " AND L.TYPE_ = 'candidate' AND L.GROUP_ID_ IN (");
        args.add(TASK_KEY);
        in(from, args, inbox.roles());
        from.append("))");
        from.append(" AND V.submitted_by <> ?");
        args.add(inbox.username());
        if (!inbox.teams().isEmpty()) {
            from.append(" AND M.owner_team NOT IN (");
            in(from, args, inbox.teams());
            from.append(")");
        }
        from.append(" AND NOT EXISTS (SELECT 1 FROM approval_decisions D WHERE D.version_id = V.id"
                + " AND D.decided_by = ? AND D.evidence_sha256 = V.evidence_sha256)");
        args.add(inbox.subject());
        if (inbox.model() != null) {
            from.append(" AND M.name = ?");
            args.add(inbox.model());
        }
        if (inbox.taskId() != null) {
            from.append(" AND RES.ID_ = ?");
            args.add(inbox.taskId());
        }
        if (inbox.escalated() != null) {
            from.append(inbox.escalated() ? " AND" : " AND NOT").append(" EXISTS (SELECT 1 FROM ACT_RU_IDENTITYLINK E"
                    + " WHERE E.TASK_ID_ = RES.ID_ AND E.TYPE_ = 'candidate' AND E.GROUP_ID_ = ?)");
            args.add(ESCALATION_ROLE);
        }
        if (inbox.riskTier() != null) {
            from.append(" AND M.risk_tier = ?");
            args.add(inbox.riskTier());
        }
        var open = "SELECT RES.ID_ AS ID_, RES.CREATE_TIME_ AS CREATED_, M.risk_tier AS RISK_TIER_, EXISTS (SELECT 1"
                + " FROM ACT_RU_IDENTITYLINK X WHERE X.TASK_ID_ = RES.ID_ AND X.TYPE_ = 'candidate'"
                + " AND X.GROUP_ID_ = ?) AS ESCALATED_" + from;
        var statementArgs = new ArrayList<Object>();
        statementArgs.add(ESCALATION_ROLE);
        statementArgs.addAll(args);
        var sql = "SELECT ID_, count(*) OVER () AS TOTAL_,"
                + " count(*) FILTER (WHERE RISK_TIER_ = 'HIGH') OVER () AS HIGH_,"
                + " count(*) FILTER (WHERE ESCALATED_) OVER () AS ESCALATED_COUNT_"
                + " FROM (" + open + ") Q ORDER BY CREATED_, ID_ LIMIT ? OFFSET ?";
        statementArgs.add(page.size());
        statementArgs.add(page.offset());
        var counted = jdbc.prepareStatement(sql, statement -> {
            bind(statement, statementArgs);
            var ids = new ArrayList<String>();
            long[] counts = new long[3];
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString("ID_"));
                    counts[0] = rs.getLong("TOTAL_");
                    counts[1] = rs.getLong("HIGH_");
                    counts[2] = rs.getLong("ESCALATED_COUNT_");
                }
            }
            return new Counted(ids, counts[0], counts[1], counts[2]);
        });
        if (counted.ids().isEmpty()) {
            // Past the last page (or nothing open): the counts still say how many there are.
            counted = page.offset() == 0 ? counted : count(open, statementArgs.subList(0, statementArgs.size() - 2));
            return new InboxPage(new Page<>(List.of(), counted.total(), page.page(), page.size()), counted.highRisk(),
                    counted.escalated());
        }
        var byId = new HashMap<String, ApprovalTask>();
        tasks.createTaskQuery().taskIds(counted.ids()).includeProcessVariables().includeIdentityLinks().list()
                .forEach(task -> byId.put(task.getId(), of(task)));
        var items = counted.ids().stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        return new InboxPage(new Page<>(items, counted.total(), page.page(), page.size()), counted.highRisk(),
                counted.escalated());
    }

    private record Counted(List<String> ids, long total, long highRisk, long escalated) {
    }

    private Counted count(String open, List<Object> args) {
        return jdbc.prepareStatement("SELECT count(*), count(*) FILTER (WHERE RISK_TIER_ = 'HIGH'),"
                + " count(*) FILTER (WHERE ESCALATED_) FROM (" + open + ") Q", statement -> {
                    bind(statement, args);
                    try (var rs = statement.executeQuery()) {
                        rs.next();
                        return new Counted(List.of(), rs.getLong(1), rs.getLong(2), rs.getLong(3));
                    }
                });
    }

    private static void bind(PreparedStatement statement, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            statement.setObject(i + 1, args.get(i));
        }
    }

    private static void in(StringBuilder sql, List<Object> args, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
            args.add(values.get(i));
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
