-- Version numbers are drawn from a row of their own (docs/architecture.md, "Locks"): a submission locks its model's
-- counter, not the model's row, so it no longer queues behind another version's lifecycle step (which locks the
-- model's row) — numbers stay gapless, since the counter's row lock is held until the submission commits or rolls back.
CREATE TABLE model_version_counters (
    model_id       BIGINT  PRIMARY KEY REFERENCES registered_models (id) ON DELETE CASCADE,
    latest_version INTEGER NOT NULL DEFAULT 0 CHECK (latest_version >= 0)
);

INSERT INTO model_version_counters (model_id, latest_version)
SELECT id, latest_version FROM registered_models;

ALTER TABLE registered_models DROP COLUMN latest_version;
