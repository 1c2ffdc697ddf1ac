-- When a version or model last changed (its state, verdicts, policy pin, description, tags set later): MLflow's
-- last_updated_timestamp. A trigger keeps it, so no writer of these tables can forget it.
ALTER TABLE model_versions ADD COLUMN updated_at TIMESTAMPTZ;
UPDATE model_versions SET updated_at = submitted_at;
ALTER TABLE model_versions ALTER COLUMN updated_at SET NOT NULL;
ALTER TABLE registered_models ADD COLUMN updated_at TIMESTAMPTZ;
UPDATE registered_models SET updated_at = created_at;
ALTER TABLE registered_models ALTER COLUMN updated_at SET NOT NULL;

-- A new row starts at its own creation time (set by the insert when not given); a changed row moves on.
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.updated_at := COALESCE(NEW.updated_at, clock_timestamp());
    ELSIF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := GREATEST(OLD.updated_at, date_trunc('milliseconds', clock_timestamp()));
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER model_versions_touch BEFORE INSERT OR UPDATE ON model_versions
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER registered_models_touch BEFORE INSERT OR UPDATE ON registered_models
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- A version created through the MLflow API whose evidence is not complete yet (docs/mlflow.md, "Waiting for
-- evidence"): its number is reserved from the model's counter, its lifecycle has not started, and it becomes a
-- submitted version (model_versions) when tags set later or a new read of its run supply what is missing.
CREATE TABLE mlflow_pending_versions (
    model_id       BIGINT        NOT NULL REFERENCES registered_models (id),
    version        INTEGER       NOT NULL CHECK (version > 0),
    source         VARCHAR(2048) NOT NULL,
    run_id         VARCHAR(256),
    mlflow_model_id VARCHAR(256),
    run_link       VARCHAR(2048),
    description    TEXT,
    -- as sent with the create, then with the tags set while it waits
    tags           JSONB         NOT NULL DEFAULT '{}',
    -- what the tracking server answered for the run and logged model (null: not read)
    run            JSONB,
    -- why the run could not be read (null: read, or no tracking server configured)
    run_problem    TEXT,
    -- what is missing and what would supply it, as shown in status_message
    missing        TEXT          NOT NULL,
    -- the create request's digest: a retried create (same person, same request) finds this version
    request_sha256 CHAR(64)      NOT NULL,
    created_by     VARCHAR(200)  NOT NULL,
    created_at     TIMESTAMPTZ   NOT NULL,
    updated_at     TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (model_id, version)
);
