-- Aliases MLflow clients set on a model's versions (docs/mlflow.md). The aliases the governed lifecycle owns
-- (champion, challenger) are never stored here: they are read from the versions' states.
CREATE TABLE mlflow_model_aliases (
    model_id BIGINT       NOT NULL REFERENCES registered_models (id),
    alias    VARCHAR(255) NOT NULL,
    version  INTEGER      NOT NULL,
    set_by   VARCHAR(200) NOT NULL,
    set_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (model_id, alias),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version),
    CHECK (lower(alias) NOT IN ('champion', 'challenger'))
);

-- Tags an MLflow client sets after creation (set-tag): annotations beside a model (version 0) or a version. They are
-- not evidence: what a version was created with stays in model_versions.tags, and modelops.* keys are refused.
CREATE TABLE mlflow_tags (
    model_id BIGINT       NOT NULL REFERENCES registered_models (id),
    version  INTEGER      NOT NULL CHECK (version >= 0),
    key      VARCHAR(250) NOT NULL,
    value    TEXT         NOT NULL,
    set_by   VARCHAR(200) NOT NULL,
    set_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (model_id, version, key),
    CHECK (key NOT LIKE 'modelops.%')
);
