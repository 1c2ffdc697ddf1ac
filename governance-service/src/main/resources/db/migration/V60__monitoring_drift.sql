-- Production monitoring, first slice: drift (docs/monitoring.md).
-- A version's baseline: the profile (bins frozen from a reference sample, and the sample's counts in them) that every
-- window is compared with. One per version; it never changes, so counts stay comparable.
CREATE TABLE monitoring_baselines (
    version_id     BIGINT       PRIMARY KEY REFERENCES model_versions (id),
    sample_rows    BIGINT       NOT NULL CHECK (sample_rows > 0),
    sample_format  VARCHAR(10)  NOT NULL CHECK (sample_format IN ('csv', 'jsonl')),
    sample_sha256  CHAR(64)     NOT NULL,
    profile        JSONB        NOT NULL,
    profile_sha256 CHAR(64)     NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL,
    created_by     VARCHAR(200) NOT NULL
);

-- The prediction records counted, by the id the collector gave them: a retried batch finds its ids here and adds
-- nothing. Kept per window so that old windows' ids can be dropped with their counts (retention, docs/monitoring.md).
CREATE TABLE monitoring_records (
    version_id   BIGINT       NOT NULL REFERENCES model_versions (id),
    record_id    VARCHAR(200) NOT NULL,
    window_start TIMESTAMPTZ  NOT NULL,
    arm          VARCHAR(10)  NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (version_id, record_id)
);
CREATE INDEX monitoring_records_window ON monitoring_records (window_start);

-- Exact counts per window (aligned to the epoch, the policy's length), column (a feature, or `prediction`) and frozen
-- bin (its index in the monitoring spec). Additive: a batch adds its counts in one upsert.
CREATE TABLE monitoring_window_counts (
    version_id   BIGINT       NOT NULL REFERENCES model_versions (id),
    window_start TIMESTAMPTZ  NOT NULL,
    column_name  VARCHAR(200) NOT NULL,
    bin          SMALLINT     NOT NULL CHECK (bin >= 0),
    count        BIGINT       NOT NULL CHECK (count >= 0),
    PRIMARY KEY (version_id, window_start, column_name, bin)
);
CREATE INDEX monitoring_window_counts_window ON monitoring_window_counts (window_start);

-- The drift verdict last recorded for a version, so that only a change becomes an audit event.
CREATE TABLE monitoring_verdicts (
    version_id   BIGINT       NOT NULL REFERENCES model_versions (id),
    signal       VARCHAR(20)  NOT NULL,
    verdict      VARCHAR(20)  NOT NULL,
    window_start TIMESTAMPTZ,
    changed_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (version_id, signal)
);
