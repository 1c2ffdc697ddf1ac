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
