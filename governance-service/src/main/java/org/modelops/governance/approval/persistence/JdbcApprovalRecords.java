package org.modelops.governance.approval.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.modelops.governance.approval.ApprovalRecords;

/**
 * INSERT … ON CONFLICT DO NOTHING against the unique (version, person, evidence) and (task) keys: the database
 * decides.
 */
@Singleton
final class JdbcApprovalRecords implements ApprovalRecords {

    private static final String VERSION_ID = "(SELECT v.id FROM model_versions v JOIN registered_models m"
            + " ON m.id = v.model_id WHERE m.name = ? AND v.version = ?)";

    private final JdbcOperations jdbc;

    JdbcApprovalRecords(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void lockForDecision(String model, int version) {
        jdbc.prepareStatement("SELECT id FROM registered_models WHERE name = ? FOR NO KEY UPDATE", statement -> {
            statement.setString(1, model);
            statement.executeQuery().close();
            return null;
        });
        jdbc.prepareStatement("SELECT v.id FROM model_versions v JOIN registered_models m ON m.id = v.model_id"
                + " WHERE m.name = ? AND v.version = ? FOR UPDATE OF v", statement -> {
                    statement.setString(1, model);
                    statement.setInt(2, version);
                    statement.executeQuery().close();
                    return null;
                });
    }

    @Override
    public boolean add(String model, int version, Decision decision) {
        return jdbc.prepareStatement("INSERT INTO approval_decisions (version_id, task_id, decided_by,"
                + " decided_by_name, decision, comment, decided_at, evidence_sha256) VALUES (" + VERSION_ID
                + ", ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING", statement -> {
                    statement.setString(1, model);
                    statement.setInt(2, version);
                    statement.setString(3, decision.taskId());
                    statement.setString(4, decision.decidedBy());
                    statement.setString(5, decision.decidedByName());
                    statement.setString(6, decision.decision());
                    statement.setString(7, decision.comment());
                    statement.setTimestamp(8, Timestamp.from(decision.decidedAt()));
                    statement.setString(9, decision.evidenceSha256());
                    return statement.executeUpdate() == 1;
                });
    }

    @Override
    public boolean decided(String taskId) {
        return jdbc.prepareStatement("SELECT 1 FROM approval_decisions WHERE task_id = ?", statement -> {
            statement.setString(1, taskId);
            try (var rs = statement.executeQuery()) {
                return rs.next();
            }
        });
    }

    @Override
    public boolean decidedOnCurrentEvidence(String model, int version, String subject) {
        return jdbc.prepareStatement("SELECT 1 FROM approval_decisions d JOIN model_versions v ON v.id = d.version_id"
                + " JOIN registered_models m ON m.id = v.model_id WHERE m.name = ? AND v.version = ?"
                + " AND d.decided_by = ? AND d.evidence_sha256 = v.evidence_sha256", statement -> {
                    statement.setString(1, model);
                    statement.setInt(2, version);
                    statement.setString(3, subject);
                    try (var rs = statement.executeQuery()) {
                        return rs.next();
                    }
                });
    }

    @Override
    public int approvalsOn(String model, int version, String evidenceSha256) {
        return jdbc.prepareStatement("SELECT count(*) FROM approval_decisions WHERE version_id = " + VERSION_ID
                + " AND decision = 'APPROVE' AND evidence_sha256 = ?", statement -> {
                    statement.setString(1, model);
                    statement.setInt(2, version);
                    statement.setString(3, evidenceSha256);
                    try (var rs = statement.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                });
    }

    @Override
    public List<Decision> decisions(String model, int version) {
        return jdbc.prepareStatement("SELECT task_id, decided_by, decided_by_name, decision, comment, decided_at,"
                + " evidence_sha256 FROM approval_decisions WHERE version_id = " + VERSION_ID + " ORDER BY decided_at",
                statement -> {
                    statement.setString(1, model);
                    statement.setInt(2, version);
                    var decisions = new ArrayList<Decision>();
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            decisions.add(new Decision(rs.getString(1), rs.getString(2), rs.getString(3),
                                    rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7)));
                        }
                    }
                    return decisions;
                });
    }
}
