-- When a version stopped serving (docs/monitoring.md, "A version that no longer serves"): set when it becomes
-- SUPERSEDED or ROLLED_BACK from CHAMPION or ROLLING_OUT, kept when it is retired, cleared when it serves again as
-- CHAMPION. Monitoring judges a version's windows only up to then: after it, the version gets no traffic, and its
-- windows would say nothing about the model (the volume rule would breach on the silence).
ALTER TABLE model_versions ADD COLUMN serving_ended_at TIMESTAMPTZ;

-- Versions that stopped serving before this migration: the time of their last move to SUPERSEDED or ROLLED_BACK in
-- the audit trail (sealed or still pending).
UPDATE model_versions v SET serving_ended_at = ended.at
FROM (
    SELECT subject_id, max(occurred_at) AS at FROM (
        SELECT subject_id, occurred_at, details FROM audit_events
        WHERE subject_type = 'model-version' AND action = 'version.state-changed'
        UNION ALL
        SELECT subject_id, occurred_at, details FROM audit_pending
        WHERE subject_type = 'model-version' AND action = 'version.state-changed'
    ) changes
    WHERE details->>'to' IN ('SUPERSEDED', 'ROLLED_BACK')
    GROUP BY subject_id
) ended, registered_models m
WHERE m.id = v.model_id AND ended.subject_id = m.name || '/' || v.version
  AND v.state IN ('SUPERSEDED', 'ROLLED_BACK', 'RETIRED');
