-- Published policy versions: never changed; a version is identified by the SHA-256 of its exact text.
CREATE TABLE policy_versions (
    name         VARCHAR(63)  NOT NULL,
    version      INTEGER      NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    content      TEXT         NOT NULL,
    published_at TIMESTAMPTZ  NOT NULL,
    published_by VARCHAR(200) NOT NULL,
    PRIMARY KEY (name, version)
);

-- Each version's lifecycle pins the policy version it started under and keeps its verdicts.
ALTER TABLE model_versions
    ADD COLUMN policy_name      VARCHAR(63),
    ADD COLUMN policy_version   INTEGER,
    ADD COLUMN policy_sha256    CHAR(64),
    ADD COLUMN validation       JSONB,
    ADD COLUMN challenge        JSONB,
    ADD COLUMN champion_version INTEGER,
    ADD COLUMN state_reason     TEXT;

-- A model has at most one champion, whatever runs concurrently.
CREATE UNIQUE INDEX model_versions_one_champion ON model_versions (model_id) WHERE state = 'CHAMPION';

-- Approval decisions: one per person per version, also under double clicks and concurrency.
CREATE TABLE approval_decisions (
    id              BIGSERIAL PRIMARY KEY,
    version_id      BIGINT       NOT NULL REFERENCES model_versions (id),
    task_id         VARCHAR(64)  NOT NULL,
    decided_by      VARCHAR(200) NOT NULL,
    decided_by_name VARCHAR(200) NOT NULL,
    decision        VARCHAR(10)  NOT NULL CHECK (decision IN ('APPROVE', 'REJECT')),
    comment         TEXT,
    decided_at      TIMESTAMPTZ  NOT NULL,
    UNIQUE (version_id, decided_by),
    UNIQUE (task_id)
);

-- Which version serves which share of traffic now.
CREATE TABLE model_deployments (
    model_id      BIGINT   NOT NULL REFERENCES registered_models (id),
    version       INTEGER  NOT NULL,
    share_percent SMALLINT NOT NULL CHECK (share_percent BETWEEN 0 AND 100),
    PRIMARY KEY (model_id, version)
);

-- Evaluation reports: metrics of a version on a dataset (by digest), e.g. on the champion's evaluation data.
CREATE TABLE version_evaluations (
    id            BIGSERIAL PRIMARY KEY,
    version_id    BIGINT       NOT NULL REFERENCES model_versions (id),
    dataset_uri   VARCHAR(2048) NOT NULL,
    dataset_sha256 CHAR(64)    NOT NULL,
    metrics       JSONB        NOT NULL,
    slice_metrics JSONB        NOT NULL DEFAULT '{}',
    reported_by   VARCHAR(200) NOT NULL,
    reported_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX version_evaluations_version ON version_evaluations (version_id, dataset_sha256);
