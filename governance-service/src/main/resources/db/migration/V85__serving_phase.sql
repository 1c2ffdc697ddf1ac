-- The serving phase (docs/lifecycle.md). A breach a serving version's lifecycle acted on, with the evidence of the
-- verdict change that reported it; and the retraining requests breaches and reviews raise, until a later version
-- answers them.
CREATE TABLE monitoring_breaches (
    id          BIGSERIAL    PRIMARY KEY,
    version_id  BIGINT       NOT NULL REFERENCES model_versions (id),
    signal      VARCHAR(20)  NOT NULL,
    previous    VARCHAR(20),
    evidence    JSONB        NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX monitoring_breaches_version ON monitoring_breaches (version_id, id);

CREATE TABLE retraining_requests (
    id                 UUID         PRIMARY KEY,
    model_id           BIGINT       NOT NULL REFERENCES registered_models (id),
    version            INTEGER      NOT NULL,
    signal             VARCHAR(20),
    breach_id          BIGINT       REFERENCES monitoring_breaches (id),
    reason             TEXT         NOT NULL,
    evidence           JSONB        NOT NULL,
    status             VARCHAR(10)  NOT NULL CHECK (status IN ('OPEN', 'ANSWERED')),
    requested_by       VARCHAR(200) NOT NULL,
    requested_at       TIMESTAMPTZ  NOT NULL,
    answered_by_version INTEGER,
    answered_at        TIMESTAMPTZ,
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version),
    CHECK ((status = 'ANSWERED') = (answered_by_version IS NOT NULL))
);
CREATE INDEX retraining_requests_model ON retraining_requests (model_id, requested_at);
