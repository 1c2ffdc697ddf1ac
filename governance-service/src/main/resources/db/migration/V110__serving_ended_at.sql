-- When a version last stopped serving and when it came back (docs/monitoring.md, "A version that no longer serves is
-- not judged on its silence"). serving_ended_at is set when it becomes SUPERSEDED or ROLLED_BACK from CHAMPION or
-- ROLLING_OUT and kept when it is retired; serving_resumed_at is set when a rollback makes it CHAMPION again, and
-- cleared when it stops again. Monitoring judges only the windows in which the version served: after it stopped it
-- gets no traffic, and those windows would say nothing about the model (the volume rule would breach on the silence).
ALTER TABLE model_versions ADD COLUMN serving_ended_at TIMESTAMPTZ, ADD COLUMN serving_resumed_at TIMESTAMPTZ;

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
