-- The model registry: models, their numbered versions and the evidence each was submitted with.
CREATE TABLE registered_models (
    id             BIGSERIAL PRIMARY KEY,
    name           VARCHAR(63)  NOT NULL UNIQUE,
    description    TEXT         NOT NULL DEFAULT '',
    owner_team     VARCHAR(100) NOT NULL,
    risk_tier      VARCHAR(10)  NOT NULL CHECK (risk_tier IN ('LOW', 'MEDIUM', 'HIGH')),
    tags           JSONB        NOT NULL DEFAULT '{}',
    latest_version INTEGER      NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ  NOT NULL,
    created_by     VARCHAR(200) NOT NULL
);
CREATE INDEX registered_models_tags ON registered_models USING GIN (tags jsonb_path_ops);

CREATE TABLE model_versions (
    id                  BIGSERIAL PRIMARY KEY,
    model_id            BIGINT        NOT NULL REFERENCES registered_models (id),
    version             INTEGER       NOT NULL CHECK (version > 0),
    state               VARCHAR(20)   NOT NULL,
    artifact_uri        VARCHAR(2048) NOT NULL,
    artifact_sha256     CHAR(64)      NOT NULL,
    framework           VARCHAR(64)   NOT NULL,
    description         TEXT,
    intended_use        TEXT,
    training_data       JSONB,
    evaluation_data     JSONB,
    code                JSONB,
    params              JSONB         NOT NULL DEFAULT '{}',
    metrics             JSONB         NOT NULL DEFAULT '{}',
    slice_metrics       JSONB         NOT NULL DEFAULT '{}',
    tags                JSONB         NOT NULL DEFAULT '{}',
    submitted_by        VARCHAR(200)  NOT NULL,
    submitted_at        TIMESTAMPTZ   NOT NULL,
    lifecycle_id        VARCHAR(64),
    UNIQUE (model_id, version)
);
CREATE INDEX model_versions_state ON model_versions (state, model_id);

-- A submission retried with the same Idempotency-Key (per caller and model) finds the version it created.
CREATE TABLE idempotency_records (
    caller         VARCHAR(200) NOT NULL,
    scope          VARCHAR(200) NOT NULL,
    idem_key       VARCHAR(200) NOT NULL,
    request_sha256 CHAR(64)     NOT NULL,
    result_ref     VARCHAR(200),
    created_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (caller, scope, idem_key)
);
