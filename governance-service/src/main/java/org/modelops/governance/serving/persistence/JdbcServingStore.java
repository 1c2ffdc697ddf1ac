package org.modelops.governance.serving.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.serving.ServingStore;

@Singleton
final class JdbcServingStore implements ServingStore {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String VERSION_ID = "(SELECT v.id FROM model_versions v JOIN registered_models m"
            + " ON m.id = v.model_id WHERE m.name = ? AND v.version = ?)";
    private static final String REQUEST_COLUMNS = "r.id, m.name, r.version, r.signal, r.breach_id, r.reason,"
            + " r.evidence::text, r.status, r.requested_by, r.requested_at, r.answered_by_version, r.answered_at";

    private final JdbcOperations jdbc;

    JdbcServingStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long addBreach(String model, int version, String signal, String previous, Map<String, Object> evidence,
            Instant at) {
        return jdbc.prepareStatement("INSERT INTO monitoring_breaches (version_id, signal, previous, evidence,"
                + " received_at) VALUES (" + VERSION_ID + ", ?, ?, ?::jsonb, ?) RETURNING id", statement -> {
                    statement.setString(1, model);
                    statement.setInt(2, version);
                    statement.setString(3, signal);
                    statement.setString(4, previous);
                    statement.setString(5, json(evidence));
                    statement.setTimestamp(6, Timestamp.from(at));
                    try (var rs = statement.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
    }

    @Override
    public Optional<Breach> breach(long id) {
        return jdbc.prepareStatement("SELECT b.id, m.name, v.version, b.signal, b.previous, b.evidence::text,"
                + " b.received_at FROM monitoring_breaches b JOIN model_versions v ON v.id = b.version_id"
                + " JOIN registered_models m ON m.id = v.model_id WHERE b.id = ?", statement -> {
                    statement.setLong(1, id);
                    try (var rs = statement.executeQuery()) {
                        return rs.next()
                                ? Optional.of(new Breach(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                                        rs.getString(5), map(rs.getString(6)), rs.getTimestamp(7).toInstant()))
                                : Optional.empty();
                    }
                });
    }

    @Override
    public Map<String, String> lastJudgedVerdicts(String model, int version) {
        // Data quality counts only while the version served: once superseded it gets no traffic, and its volume rule
        // would breach on the silence. Drift and performance (outcomes mature late) count whenever judged.
        return jdbc.prepareStatement("SELECT DISTINCT ON (signal) signal, verdict FROM (SELECT sequence,"
                + " coalesce(details->>'signal', 'drift') AS signal, details->>'to' AS verdict FROM audit_events"
                + " WHERE action = ? AND subject_type = 'model-version' AND subject_id = ?"
                + " AND details->>'to' IN ('PASS', 'WARN', 'BREACH')) judged"
                + " WHERE signal <> 'data-quality' OR sequence < coalesce((SELECT max(sequence) FROM audit_events"
                + " WHERE action = ? AND subject_type = 'model-version' AND subject_id = ?"
                + " AND details->>'to' IN ('SUPERSEDED', 'ROLLED_BACK')), 9223372036854775807)"
                + " ORDER BY signal, sequence DESC",
                statement -> {
                    statement.setString(1, AuditActions.MONITORING_VERDICT_CHANGED);
                    statement.setString(2, model + "/" + version);
                    statement.setString(3, AuditActions.VERSION_STATE_CHANGED);
                    statement.setString(4, model + "/" + version);
                    var verdicts = new LinkedHashMap<String, String>();
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            verdicts.put(rs.getString(1), rs.getString(2));
                        }
                    }
                    return verdicts;
                });
    }

    @Override
    public Optional<Instant> lastAutomaticRollback(String model) {
        return jdbc.prepareStatement("SELECT max(occurred_at) FROM audit_events WHERE action = ?"
                + " AND subject_type = 'model' AND subject_id = ? AND details->>'automatic' = 'true'", statement -> {
                    statement.setString(1, AuditActions.MODEL_ROLLED_BACK);
                    statement.setString(2, model);
                    try (var rs = statement.executeQuery()) {
                        rs.next();
                        var at = rs.getTimestamp(1);
                        return Optional.ofNullable(at).map(Timestamp::toInstant);
                    }
                });
    }

    @Override
    public void addRetrainingRequest(RetrainingRequest request) {
        jdbc.prepareStatement("INSERT INTO retraining_requests (id, model_id, version, signal, breach_id, reason,"
                + " evidence, status, requested_by, requested_at) VALUES (?, (SELECT id FROM registered_models"
                + " WHERE name = ?), ?, ?, ?, ?, ?::jsonb, ?, ?, ?)", statement -> {
                    statement.setObject(1, request.id());
                    statement.setString(2, request.model());
                    statement.setInt(3, request.version());
                    statement.setString(4, request.signal());
                    if (request.breach() == null) {
                        statement.setNull(5, Types.BIGINT);
                    } else {
                        statement.setLong(5, request.breach());
                    }
                    statement.setString(6, request.reason());
                    statement.setString(7, json(request.evidence()));
                    statement.setString(8, request.status().name());
                    statement.setString(9, request.requestedBy());
                    statement.setTimestamp(10, Timestamp.from(request.requestedAt()));
                    statement.executeUpdate();
                    return null;
                });
    }

    @Override
    public List<RetrainingRequest> retrainingRequests(String model) {
        return jdbc.prepareStatement("SELECT " + REQUEST_COLUMNS + " FROM retraining_requests r"
                + " JOIN registered_models m ON m.id = r.model_id WHERE m.name = ?"
                + " ORDER BY r.requested_at DESC, r.id", statement -> {
                    statement.setString(1, model);
                    var requests = new ArrayList<RetrainingRequest>();
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            requests.add(request(rs));
                        }
                    }
                    return requests;
                });
    }

    @Override
    public Optional<RetrainingRequest> retrainingRequestForUpdate(String model, UUID id) {
        return jdbc.prepareStatement("SELECT " + REQUEST_COLUMNS + " FROM retraining_requests r"
                + " JOIN registered_models m ON m.id = r.model_id WHERE m.name = ? AND r.id = ? FOR UPDATE OF r",
                statement -> {
                    statement.setString(1, model);
                    statement.setObject(2, id);
                    try (var rs = statement.executeQuery()) {
                        return rs.next() ? Optional.of(request(rs)) : Optional.empty();
                    }
                });
    }

    @Override
    public void answer(UUID id, int version, Instant at) {
        jdbc.prepareStatement("UPDATE retraining_requests SET status = 'ANSWERED', answered_by_version = ?,"
                + " answered_at = ? WHERE id = ?", statement -> {
                    statement.setInt(1, version);
                    statement.setTimestamp(2, Timestamp.from(at));
                    statement.setObject(3, id);
                    statement.executeUpdate();
                    return null;
                });
    }

    private static RetrainingRequest request(ResultSet rs) throws SQLException {
        var breach = rs.getLong(5);
        var breachId = rs.wasNull() ? null : breach;
        var answeredBy = rs.getInt(11);
        var answeredByVersion = rs.wasNull() ? null : answeredBy;
        var answeredAt = rs.getTimestamp(12);
        return new RetrainingRequest(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getString(4),
                breachId, rs.getString(6), map(rs.getString(7)), RequestStatus.valueOf(rs.getString(8)),
                rs.getString(9), rs.getTimestamp(10).toInstant(), answeredByVersion,
                answeredAt == null ? null : answeredAt.toInstant());
    }

    private static String json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(value == null ? Map.of() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("evidence that is not JSON: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> map(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored evidence that is not JSON: " + e.getMessage(), e);
        }
    }
}
